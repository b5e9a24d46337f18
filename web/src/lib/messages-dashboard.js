// Words of the where-everything-stands dashboard (全局进展), issue 18.

export const zh = {
  'nav.dashboard': '全局进展',
  'dashboard.title': '全局进展', 'dashboard.explain': '每个客户的每个环境装了什么版本，以及推广进展。选择发布记录或组件：',
  'dashboard.releases': '发布记录', 'dashboard.findRelease': '按编号或标题查找发布记录', 'dashboard.components': '组件',
  'dashboard.componentsHint': '组件名，逗号分隔，例如 gateway, report-web', 'dashboard.show': '显示',
  'dashboard.tag': '客户标签', 'dashboard.type': '环境类型', 'dashboard.owner': '负责人', 'dashboard.anyTag': '全部标签',
  'dashboard.anyType': '全部类型', 'dashboard.customer': '客户', 'dashboard.environment': '环境',
  'dashboard.notInstalled': '未安装', 'dashboard.chooseSomething': '先选择发布记录或组件。',
  'dashboard.noCustomers': '没有符合条件的客户。', 'dashboard.target': '目标 {v}',
  'enum.TargetRelation.BEHIND': '落后', 'enum.TargetRelation.EQUAL': '一致', 'enum.TargetRelation.AHEAD': '领先', 'enum.TargetRelation.UNKNOWN': ''
};

export const en = {
  'nav.dashboard': 'Where things stand',
  'dashboard.title': 'Where things stand', 'dashboard.explain': "Which version each customer's environments run, and how the rollouts are going. Choose release records or components:",
  'dashboard.releases': 'Release records', 'dashboard.findRelease': 'Find a release record by number or title', 'dashboard.components': 'Components',
  'dashboard.componentsHint': 'Component names, comma separated, e.g. gateway, report-web', 'dashboard.show': 'Show',
  'dashboard.tag': 'Customer tag', 'dashboard.type': 'Environment type', 'dashboard.owner': 'Owner', 'dashboard.anyTag': 'Any tag',
  'dashboard.anyType': 'Any type', 'dashboard.customer': 'Customer', 'dashboard.environment': 'Environment',
  'dashboard.notInstalled': 'not installed', 'dashboard.chooseSomething': 'Choose release records or components first.',
  'dashboard.noCustomers': 'No customer matches.', 'dashboard.target': 'target {v}',
  'enum.TargetRelation.BEHIND': 'behind', 'enum.TargetRelation.EQUAL': 'equal', 'enum.TargetRelation.AHEAD': 'ahead', 'enum.TargetRelation.UNKNOWN': ''
};
