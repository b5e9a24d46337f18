// JSDoc shapes of the main resources, as the services answer them (the Java view records named in each). Editors and
// `// @ts-check` read them; nothing checks them at run time.

/**
 * A page of a list (common PageResponse).
 * @template T
 * @typedef {{items: T[], page: number, size: number, totalItems: number, totalPages: number}} Page
 */

/** @typedef {{id: string | null, name: string | null}} PersonRef  a platform user: Feishu open_id and display name */
/** @typedef {{component: string, version: string}} ComponentVersion */
/** @typedef {{id: string, url: string | null}} Ticket */

/**
 * A release record in a list (release-service ReleaseViews.ReleaseSummary).
 * @typedef {object} ReleaseSummary
 * @property {string} id
 * @property {string} number
 * @property {string} title
 * @property {string} status  ReleaseStatus
 * @property {string} updateType  UpdateType
 * @property {boolean} configChange
 * @property {Ticket[]} tickets
 * @property {ComponentVersion[]} items
 * @property {PersonRef} submittedBy
 * @property {string} submittedAt
 * @property {string} updatedAt
 */

/**
 * One release record with its timeline, deployments and packages (release-service ReleaseViews.ReleaseDetail).
 * @typedef {ReleaseSummary & {description: string | null, configNotes: string | null, manual: string | null,
 *   version: number, editable: boolean, timeline: object[], deployments: object[], packages: ReleasePackage[]}} Release
 */

/**
 * @typedef {object} ReleasePackage
 * @property {string} buildId
 * @property {string} fileName
 * @property {string} relativePath
 * @property {number | null} size
 * @property {string | null} sha256
 * @property {string} finishedAt
 * @property {string} downloadPath  where api.js download() fetches the file
 * @property {boolean} outdated
 */

/**
 * A Jenkins build (build-service BuildController.BuildView).
 * @typedef {object} Build
 * @property {string} id
 * @property {string | null} releaseId
 * @property {string | null} releaseNumber
 * @property {string} type  BuildType: TEST_DEPLOY or PACKAGE
 * @property {string} status  BuildStatus
 * @property {string | null} result
 * @property {string | null} environmentId
 * @property {string | null} environmentName
 * @property {string | null} customerName
 * @property {ComponentVersion[]} items
 * @property {BuildArtifact[]} artifacts
 * @property {{status: string, reason: string | null, attempts: number, storedAt: string | null} | null} bundle
 */

/** @typedef {{fileName: string, relativePath: string, size: number | null, sha256: string | null, downloadPath: string | null}} BuildArtifact */

/**
 * A customer (customer-service CustomerController.CustomerView).
 * @typedef {object} Customer
 * @property {string} id
 * @property {string} name
 * @property {string | null} code
 * @property {string | null} contact
 * @property {PersonRef | null} owner
 * @property {string[]} tags
 * @property {string | null} notes
 * @property {boolean} archived
 * @property {number} version  for optimistic locking: sent back with an update
 */

/**
 * An environment of a customer (customer-service EnvironmentController.EnvironmentView).
 * @typedef {object} Environment
 * @property {string} id
 * @property {string} customerId
 * @property {string} customerName
 * @property {PersonRef | null} customerOwner
 * @property {string} name
 * @property {string} type  EnvironmentType
 * @property {boolean} internalTest
 * @property {string | null} jenkinsTarget
 * @property {string | null} notes
 * @property {number} version
 * @property {string[]} customerTags
 * @property {boolean} customerArchived
 */

/**
 * A component of the catalog (customer-service ComponentController.ComponentView).
 * @typedef {object} Component
 * @property {string} name
 * @property {string} kind  ComponentKind
 * @property {string | null} description
 * @property {string | null} owner
 * @property {string | null} mainlineVersion
 * @property {boolean} retired
 * @property {number} installations
 */

/**
 * An update schedule (release-service ScheduleViews.ScheduleView).
 * @typedef {object} Schedule
 * @property {string} id
 * @property {string} title
 * @property {string} status  ScheduleStatus
 * @property {string} customerId
 * @property {string} customerName
 * @property {{environmentId: string, environmentName: string}[]} environments
 * @property {string} plannedAt
 * @property {string} timeZone
 * @property {string | null} content
 * @property {{releaseId: string, releaseNumber: string}[]} releases
 * @property {PersonRef | null} owner
 * @property {number} version
 */

export {};
