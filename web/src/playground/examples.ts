// The playground's tabs: the example operations of docs/examples/, the
// same files the README shows with their answers (one set for both; a Go
// test keeps the README equal to the files). Each opens as a tab, in the
// files' name order.

export interface Example {
  /** The tab's query; its operation name is what the tab shows. */
  query: string;
}

const files = import.meta.glob<string>('../../../docs/examples/*.graphql', { query: '?raw', import: 'default', eager: true });

export const examples: Example[] = Object.keys(files)
  .sort()
  .map((path) => ({ query: files[path] }));
