// Words of people pickers and the people admin (issue 15): choosing a platform user, adding one by e-mail,
// customers whose owner matched no user.

export const zh = {
  'people.searchHint': '输入姓名或邮箱搜索', 'people.none': '没有找到这个人', 'people.clear': '清除', 'people.notLoggedIn': '（尚未登录）',
  'people.unresolvedWas': '原负责人“{text}”未能匹配到平台用户，请重新选择', 'people.unresolved': '未匹配',
  'people.add': '按邮箱添加成员', 'people.addHint': '添加尚未登录过的同事：平台通过飞书通讯录查到此人后即可选为负责人。',
  'people.email': '飞书邮箱', 'people.added': '已添加 {name}', 'people.alreadyKnown': '{name} 已在平台上',
  'people.unresolvedTitle': '未匹配的负责人', 'people.unresolvedHint': '这些客户的负责人是早期填写的文字，没能唯一对应到平台用户。编辑客户并选择负责人即可修正。',
  'people.noneUnresolved': '所有负责人都已对应到平台用户', 'people.retry': '重新匹配', 'people.reason': '原因', 'people.text': '原负责人'
};

export const en = {
  'people.searchHint': 'Type a name or e-mail', 'people.none': 'Nobody found', 'people.clear': 'Clear', 'people.notLoggedIn': '(not logged in yet)',
  'people.unresolvedWas': 'The former owner "{text}" matched no platform user; please choose one', 'people.unresolved': 'unmatched',
  'people.add': 'Add a person by e-mail', 'people.addHint': 'Add a colleague who has not logged in yet: once Feishu\'s contacts know them, they can be chosen as an owner.',
  'people.email': 'Feishu e-mail', 'people.added': '{name} added', 'people.alreadyKnown': '{name} is already on the platform',
  'people.unresolvedTitle': 'Unmatched owners', 'people.unresolvedHint': 'These customers\' owners were written as text that matches no single platform user. Edit the customer and choose the owner.',
  'people.noneUnresolved': 'Every owner is a platform user', 'people.retry': 'Match again', 'people.reason': 'Reason', 'people.text': 'Former owner'
};
