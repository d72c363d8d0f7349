// The editor's requests and the live updates' subscription: each runs one
// operation of editor.graphql, typed by the code GraphQL Code Generator
// writes from it and the schema. Most need an editor's token, which the
// sign-in sets on every request (see session.ts).
import { gql } from '../shared/graphql';
import type * as Op from './generated/operations';
import editor from './editor.graphql?raw';
import type { Lang } from './types';

/** The text of editor.graphql, for the subscription (sent over the socket). */
export const editorDocument = editor;

function run<Q, V extends object>(name: string, variables: V): Promise<Q> {
  return gql<Q>(editor, variables, name);
}

/** An entity as the editor form loads it. */
export type EditableEntity = NonNullable<Op.EditableEntityQuery['entity']>;
export type EditableRelation = EditableEntity['relations']['nodes'][number];
export type HistoryEntry = NonNullable<Op.EntityHistoryQuery['entity']>['history'][number];
export type EntityAsOf = NonNullable<Op.EntityAsOfQuery['entity']>;
export type GraphChange = Op.GraphChangedSubscription['graphChanged'];

/** Resolves when the token on the requests is an editor's; throws UNAUTHENTICATED or FORBIDDEN otherwise. */
export async function checkSession(): Promise<void> {
  await run<Op.EditorSessionQuery, Op.EditorSessionQueryVariables>('EditorSession', {});
}

export async function fetchEditable(id: string, lang: Lang): Promise<EditableEntity | null> {
  const data = await run<Op.EditableEntityQuery, Op.EditableEntityQueryVariables>('EditableEntity', { id, lang });
  return data.entity;
}

export async function setLabel(v: Op.SetLabelMutationVariables): Promise<void> {
  await run<Op.SetLabelMutation, Op.SetLabelMutationVariables>('SetLabel', v);
}

export async function setDescription(v: Op.SetDescriptionMutationVariables): Promise<void> {
  await run<Op.SetDescriptionMutation, Op.SetDescriptionMutationVariables>('SetDescription', v);
}

export async function updateEntity(v: Op.UpdateEntityMutationVariables): Promise<void> {
  await run<Op.UpdateEntityMutation, Op.UpdateEntityMutationVariables>('UpdateEntity', v);
}

export async function createRelation(v: Op.CreateRelationMutationVariables): Promise<void> {
  await run<Op.CreateRelationMutation, Op.CreateRelationMutationVariables>('CreateRelation', v);
}

export async function deleteRelation(v: Op.DeleteRelationMutationVariables): Promise<void> {
  await run<Op.DeleteRelationMutation, Op.DeleteRelationMutationVariables>('DeleteRelation', v);
}

export async function fetchHistory(id: string): Promise<HistoryEntry[]> {
  const data = await run<Op.EntityHistoryQuery, Op.EntityHistoryQueryVariables>('EntityHistory', { id });
  return data.entity?.history ?? [];
}

export async function fetchAsOf(id: string, asOf: string, lang: Lang): Promise<EntityAsOf | null> {
  const data = await run<Op.EntityAsOfQuery, Op.EntityAsOfQueryVariables>('EntityAsOf', { id, asOf, lang });
  return data.entity;
}
