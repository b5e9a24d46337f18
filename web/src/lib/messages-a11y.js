// Words that only assistive technology reads (screen readers): names of columns and regions without visible text.

export const zh = {
  'common.actions': '操作',
  'build.log': '构建日志'
};

export const en = {
  'common.actions': 'Actions',
  'build.log': 'Build log'
};
