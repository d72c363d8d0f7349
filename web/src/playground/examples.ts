// The playground's example queries, one tab each: what the graph can
// answer, ready to run. They use only documented fields (see the Docs
// pane) and the seed's ids.

export interface Example {
  /** The tab's query; its operation name is what the tab shows. */
  query: string;
  variables?: string;
}

export const examples: Example[] = [
  {
    query: `# Who succeeded the Soviet Union? The relations of succession that
# point at it, with the successor and the date.
query SuccessorsOfTheSovietUnion {
  entity(id: "soviet-union") {
    name
    end
    relations(direction: IN, types: ["SOLE_SUCCESSOR_OF", "CONTINUATION_OF", "CO_SUCCESSOR_OF"]) {
      nodes {
        label
        from { id name nameAr: name(lang: "ar") start }
        start
        sources { document { title } paragraph sentence }
      }
    }
  }
}
`,
  },
  {
    query: `# Which agreements does Croatia recognize, and who signed them?
query AgreementsCroatiaRecognizes {
  relations(from: "croatia", types: ["RECOGNIZES_AGREEMENT"]) {
    totalCount
    nodes {
      to {
        id
        name
        start
        signedBy: relations(direction: IN, types: ["SIGNED"]) {
          nodes { from { name } start }
        }
      }
    }
  }
}
`,
  },
  {
    query: `# The shortest path from Croatia to the Russian Federation, relations
# followed either way; $at limits it to relations in force at a date.
query PathFromCroatiaToRussia($at: PartialDate) {
  shortestPath(from: "croatia", to: "russian-federation", at: $at) {
    length
    entities { id name }
    relations { type label fromId toId start end }
  }
}
`,
    variables: '{\n  "at": null\n}',
  },
  {
    query: `# What was in force in 1955: every relation that held at some time that year.
query InForceIn1955 {
  relations(at: "1955", first: 100) {
    totalCount
    nodes {
      from { name }
      label
      to { name }
      start
      end
    }
  }
}
`,
  },
  {
    query: `# Search in Arabic: spelling variants match (السوفييتي = السوفيتي).
query SearchInArabic($text: String!) {
  search(text: $text, lang: "ar") {
    id
    kind
    nameAr: name(lang: "ar")
    nameEn: name(lang: "en")
  }
}
`,
    variables: '{\n  "text": "الاتحاد السوفييتي"\n}',
  },
];
