// An app using the typed client (web/src/client/generated) with urql, as
// the README shows: the document carries its result and variables types.
import { Client, cacheExchange, fetchExchange } from '@urql/core';
import { EntityDocument } from '../../../../../web/src/client/generated/graphql.js';

export async function entityName(url: string, id: string): Promise<string | undefined> {
  const client = new Client({ url, exchanges: [cacheExchange, fetchExchange] });
  const { data, error } = await client.query(EntityDocument, { id, lang: 'en', at: null });
  if (error) throw error;
  // @ts-expect-error the variables are typed: an id is a string
  void client.query(EntityDocument, { id: 42, lang: 'en' });
  return data?.entity?.name;
}
