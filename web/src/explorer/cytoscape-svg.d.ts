// cytoscape-svg ships no types: it is a Cytoscape extension that adds
// cy.svg(options), returning the drawing as an SVG document.
declare module 'cytoscape-svg' {
  import type { Ext } from 'cytoscape';
  const ext: Ext;
  export default ext;
}
