// Words of the pages that Feishu cards open (download page, schedule page) and of people pickers (issue 15).

export const zh = {
  'download.title': '下载安装包',
  'download.preparing': '正在准备下载…',
  'download.started': '下载已开始。如果浏览器没有开始下载，请点击[重新下载]。',
  'download.explain': '下载链接只在几分钟内有效，且只能使用一次；链接里不含你的登录凭据。',
  'download.again': '重新下载',
  'download.noSuchFile': '这次构建没有文件 {path}。'
};

export const en = {
  'download.title': 'Download the package',
  'download.preparing': 'Preparing the download…',
  'download.started': 'The download has started. If your browser did not start it, use [Download again].',
  'download.explain': 'A download link works for a few minutes and once; it carries none of your login.',
  'download.again': 'Download again',
  'download.noSuchFile': 'This build has no file {path}.'
};
