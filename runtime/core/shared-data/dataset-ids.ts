// The 部门共享 datasets by id (a small module: the materials model, which pages load, imports it).
export const DATASET_IDS = ['hukou', 'socialInsurance', 'marriage', 'realEstate'] as const;
export type DatasetId = (typeof DATASET_IDS)[number];
