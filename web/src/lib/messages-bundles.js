// Bundles the platform keeps and delta bundles (issue 17, items 2 and 3), and the download page that a Feishu card
// opens for a build's package (issue 15).

export const zh = {
  'download.title': '下载安装包',
  'download.preparing': '正在准备下载…',
  'download.started': '下载已开始。如果浏览器没有开始下载，请点击[重新下载]。',
  'download.explain': '下载链接只在几分钟内有效，且只能使用一次；链接里不含你的登录凭据。',
  'download.again': '重新下载',
  'download.noSuchFile': '这次构建没有文件 {path}。',
  'enum.BuildResult.STORING': '保存安装包中', 'enum.BuildResult.BUNDLE_FAILED': '安装包保存失败',
  'enum.BundleStatus.NONE': '未保存', 'enum.BundleStatus.STORING': '保存中', 'enum.BundleStatus.STORED': '已保存到平台',
  'enum.BundleStatus.FAILED': '保存失败', 'enum.BundleStatus.EXPIRED': '已按保留期限清理',
  'bundle.title': '安装包清单', 'bundle.show': '查看清单', 'bundle.hide': '收起清单', 'bundle.download': '下载清单',
  'bundle.storing': '平台正在从 Jenkins 复制安装包（第 {attempts} 次）', 'bundle.storedAt': '{time} 保存到平台',
  'bundle.file': '文件', 'bundle.size': '大小', 'bundle.components': '组件版本', 'bundle.builtFor': '打包对象',
  'bundle.plan': '升级方案', 'bundle.releases': '包含的发布记录', 'bundle.environment': '环境',
  'bundle.expired': '安装包已按保留期限清理，需要时请重新打包。', 'bundle.failed': '安装包没有保存到平台，不能下载：{reason}'
};

export const en = {
  'download.title': 'Download the package',
  'download.preparing': 'Preparing the download…',
  'download.started': 'The download has started. If your browser did not start it, use [Download again].',
  'download.explain': 'A download link works for a few minutes and once; it carries none of your login.',
  'download.again': 'Download again',
  'download.noSuchFile': 'This build has no file {path}.',
  'enum.BuildResult.STORING': 'Storing the package', 'enum.BuildResult.BUNDLE_FAILED': 'Package not kept',
  'enum.BundleStatus.NONE': 'Not stored', 'enum.BundleStatus.STORING': 'Storing', 'enum.BundleStatus.STORED': 'Stored by the platform',
  'enum.BundleStatus.FAILED': 'Storing failed', 'enum.BundleStatus.EXPIRED': 'Removed by retention',
  'bundle.title': 'Bundle manifest', 'bundle.show': 'Manifest', 'bundle.hide': 'Hide manifest', 'bundle.download': 'Download manifest',
  'bundle.storing': 'The platform is copying the package from Jenkins (attempt {attempts})', 'bundle.storedAt': 'Stored by the platform {time}',
  'bundle.file': 'File', 'bundle.size': 'Size', 'bundle.components': 'Component versions', 'bundle.builtFor': 'Built for',
  'bundle.plan': 'Upgrade plan', 'bundle.releases': 'Release records in it', 'bundle.environment': 'Environment',
  'bundle.expired': 'The package was removed by the retention setting; package it again if needed.', 'bundle.failed': 'The package was not kept by the platform and cannot be downloaded: {reason}'
};
