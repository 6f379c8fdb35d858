/** Reference lists shared by all companies (seed 002's MDO lists), id -> name, in rank order. */
export const CATEGORIES: ReadonlyArray<readonly [number, string]> = [
  [1, 'Customer'],
  [2, 'Prospect'],
  [3, 'Partner'],
  [4, 'Supplier'],
  [5, 'VIP Customer'],
  [6, 'Competitor'],
  [7, 'Press'],
];

export const BUSINESSES: ReadonlyArray<readonly [number, string]> = [
  [1, 'Information technology'],
  [2, 'Finance and insurance'],
  [3, 'Retail'],
  [4, 'Manufacturing'],
  [5, 'Health care'],
  [6, 'Public sector'],
  [7, 'Telecommunications'],
  [8, 'Construction'],
  [9, 'Energy'],
  [10, 'Transport and logistics'],
  [11, 'Education'],
  [12, 'Consulting'],
];

export const INTERESTS: ReadonlyArray<readonly [number, string]> = [
  [1, 'Newsletter'],
  [2, 'Product updates'],
  [3, 'Webinars'],
  [4, 'Events and seminars'],
  [5, 'Training'],
  [6, 'Customer magazine'],
  [7, 'Partner programme'],
  [8, 'Beta programme'],
];
