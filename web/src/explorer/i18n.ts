// The explorer's own words, in each language it is shown in. The graph's
// names and labels come from the API in the chosen language; these are
// the words around them.
import type { Lang } from './types';

const messages = {
  en: {
    title: 'Knowledge graph explorer',
    modeExplore: 'Explore',
    modePath: 'Path',
    modeLabel: 'Mode',
    searchLabel: 'Search entities',
    searchPlaceholder: 'Search in any language: Soviet Union, الاتحاد السوفيتي…',
    pathFrom: 'From',
    pathTo: 'To',
    pathFromPlaceholder: 'Start entity…',
    pathToPlaceholder: 'End entity…',
    pathFind: 'Find path',
    yearFilter: 'Filter by year',
    yearLabel: 'Year',
    languageLabel: 'Language',
    playground: 'GraphQL playground',
    noResults: 'No entity matches.',
    emptyTitle: 'Start with a search',
    emptyText: 'Find a state, a treaty or an event, in any language of the data, to draw its neighbourhood. Click a node to expand it; arrow keys move between nodes.',
    emptyPathText: 'Choose two entities to draw the shortest path between them.',
    panelEmpty: 'Select an entity to see its labels, dates, relations and sources.',
    labels: 'Labels',
    aliases: 'Also known as',
    dates: 'Dates',
    relations: 'Relations',
    relationsAt: 'Relations in force in {year}',
    noRelations: 'No relations.',
    sources: 'Sources',
    paragraph: 'paragraph {n}',
    sentence: 'sentence {n}',
    wholeDocument: 'whole document',
    timeline: 'Timeline',
    timelineEmpty: 'No dated relations.',
    timelineHint: 'Click a relation to see the graph in its year.',
    legend: 'Legend',
    loading: 'Loading…',
    ready: '{nodes} entities, {edges} relations drawn.',
    pathFound: 'Path of {n} steps.',
    noPath: 'No path between them within 6 steps{at}.',
    truncated: 'Some neighbours were left out: the neighbourhood is too large.',
    error: 'Something went wrong: {message}',
    notFound: 'No entity has the id “{id}”.',
    kind: 'Kind',
    id: 'Id',
    since: 'since {start}',
    until: 'until {end}',
    pathSteps: 'Path',
    inYear: ' in {year}',
    graphLabel: 'Graph drawing. Arrow keys move between entities, Enter expands one; the Table button shows it all as tables.',
    fit: 'Fit the drawing to the view',
    depthLabel: 'Depth',
    modeCompare: 'Compare',
    compareFrom: 'From year',
    compareTo: 'To year',
    compareGo: 'Compare',
    compareTitle: 'From {from} to {to}',
    compareAdded: 'Added',
    compareEnded: 'Ended',
    compareHeld: 'Held',
    compareNone: 'None.',
    compareStatus: '{from} → {to}: {added} added, {ended} ended, {held} held.',
    play: 'Play the years',
    pause: 'Pause',
    viewTable: 'Table',
    viewTableLabel: 'Show the drawing as tables',
    tableEntities: 'Entities drawn ({n})',
    tableRelations: 'Relations drawn ({n})',
    tableName: 'Name',
    tableRelation: 'Relation',
    downloads: 'Download',
    downloadPng: 'PNG image',
    downloadSvg: 'SVG image',
    graphFocus: 'Focused entity',
  },
  ar: {
    title: 'مستكشف الرسم المعرفي',
    modeExplore: 'استكشاف',
    modePath: 'مسار',
    modeLabel: 'الوضع',
    searchLabel: 'البحث عن كيانات',
    searchPlaceholder: 'ابحث بأي لغة: الاتحاد السوفيتي، Soviet Union…',
    pathFrom: 'من',
    pathTo: 'إلى',
    pathFromPlaceholder: 'كيان البداية…',
    pathToPlaceholder: 'كيان النهاية…',
    pathFind: 'إيجاد المسار',
    yearFilter: 'التصفية حسب السنة',
    yearLabel: 'السنة',
    languageLabel: 'اللغة',
    playground: 'ساحة GraphQL',
    noResults: 'لا توجد نتائج مطابقة.',
    emptyTitle: 'ابدأ بالبحث',
    emptyText: 'ابحث عن دولة أو معاهدة أو حدث، بالعربية أو بالإنجليزية، لرسم جواره. انقر على عقدة لتوسيعها.',
    emptyPathText: 'اختر كيانين لرسم أقصر مسار بينهما.',
    panelEmpty: 'اختر كيانًا لعرض أسمائه وتواريخه وعلاقاته ومصادره.',
    labels: 'الأسماء',
    aliases: 'أسماء أخرى',
    dates: 'التواريخ',
    relations: 'العلاقات',
    relationsAt: 'العلاقات السارية في {year}',
    noRelations: 'لا توجد علاقات.',
    sources: 'المصادر',
    paragraph: 'الفقرة {n}',
    sentence: 'الجملة {n}',
    wholeDocument: 'الوثيقة كاملة',
    timeline: 'الخط الزمني',
    timelineEmpty: 'لا توجد علاقات مؤرخة.',
    timelineHint: 'انقر على علاقة لعرض الرسم في سنتها.',
    legend: 'دليل الرموز',
    loading: 'جارٍ التحميل…',
    ready: 'الكيانات المرسومة: {nodes}، العلاقات: {edges}.',
    pathFound: 'عدد خطوات المسار: {n}.',
    noPath: 'لا يوجد مسار بينهما في حدود 6 خطوات{at}.',
    truncated: 'أُغفل بعض الجيران: الجوار كبير جدًا.',
    error: 'حدث خطأ: {message}',
    notFound: 'لا يوجد كيان بالمعرّف «{id}».',
    kind: 'النوع',
    id: 'المعرّف',
    since: 'منذ {start}',
    until: 'حتى {end}',
    pathSteps: 'المسار',
    inYear: ' في {year}',
    graphLabel: 'رسم بياني. تنقّل بين الكيانات بمفاتيح الأسهم، ووسّع أحدها بمفتاح الإدخال؛ زر الجدول يعرض كل شيء في جداول.',
    fit: 'ملاءمة الرسم للعرض',
    depthLabel: 'العمق',
    modeCompare: 'مقارنة',
    compareFrom: 'من سنة',
    compareTo: 'إلى سنة',
    compareGo: 'قارن',
    compareTitle: 'من {from} إلى {to}',
    compareAdded: 'أُضيفت',
    compareEnded: 'انتهت',
    compareHeld: 'استمرت',
    compareNone: 'لا شيء.',
    compareStatus: '{from} ← {to}: أُضيفت {added}، انتهت {ended}، استمرت {held}.',
    play: 'تشغيل السنوات',
    pause: 'إيقاف مؤقت',
    viewTable: 'جدول',
    viewTableLabel: 'عرض الرسم في جداول',
    tableEntities: 'الكيانات المرسومة ({n})',
    tableRelations: 'العلاقات المرسومة ({n})',
    tableName: 'الاسم',
    tableRelation: 'العلاقة',
    downloads: 'تنزيل',
    downloadPng: 'صورة PNG',
    downloadSvg: 'صورة SVG',
    graphFocus: 'الكيان المحدد',
  },
} satisfies Record<'en' | 'ar', Record<string, string>>;

/** The key of a message. */
export type MessageKey = keyof (typeof messages)['en'];

let current: keyof typeof messages = 'en';

/**
 * Sets the language messages are given in. The explorer's own words are in
 * English and Arabic; in another language of the data they are in English,
 * while the graph's names and labels are in that language.
 */
export function setLang(lang: Lang): void {
  current = lang === 'ar' ? 'ar' : 'en';
}

/** Whether a language is written right to left. */
export function isRtl(lang: Lang): boolean {
  return ['ar', 'fa', 'he', 'ur'].includes(lang.split('-')[0]);
}

/** The message in the current language, with {name} placeholders filled in. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return messages[current][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/**
 * Translates the page's static text: elements name their message with
 * data-i18n (text), data-i18n-placeholder, data-i18n-label (aria-label)
 * or data-i18n-title.
 */
export function translatePage(root: ParentNode = document): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n as MessageKey);
  }
  for (const el of root.querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]')) {
    el.placeholder = t(el.dataset.i18nPlaceholder as MessageKey);
  }
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-label]')) {
    el.setAttribute('aria-label', t(el.dataset.i18nLabel as MessageKey));
  }
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-title]')) {
    el.title = t(el.dataset.i18nTitle as MessageKey);
  }
}
