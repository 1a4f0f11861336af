// Nærvær in one resource group: a Linux App Service running the Node service, its user-assigned managed
// identity, the Azure Bot with the Teams channel, Cosmos DB for NoSQL (reached with the identity, no account
// key), Key Vault for the API keys, and Log Analytics with Application Insights. docs/deploy.md explains each
// parameter and why App Service rather than Container Apps.

@maxLength(20)
@minLength(4)
@description('Lower-case letters and digits; names every resource. Key Vault and Cosmos DB names are global, so include something unique, e.g. the municipality number')
param resourceBaseName string

@description('Azure region of everything except the Azure Bot (a global resource). Norway East keeps the data in Norway')
param location string = 'norwayeast'

@maxLength(42)
param botDisplayName string = 'Nærvær'

@description('B1 or higher: Always On (needed for the daily evaluation and the nudges) is not available on F1')
param webAppSku string = 'B1'

@description('App Service\'s runtime stack for Linux')
param linuxFxVersion string = 'NODE|20-lts'

@allowed([
  'UserAssignedMsi'
  'SingleTenant'
])
@description('UserAssignedMsi: the bot authenticates as the managed identity (no secret). SingleTenant: as an Entra app registration with a client secret')
param botType string = 'UserAssignedMsi'

@description('SingleTenant only: the Application (client) id of the bot\'s Entra app registration')
param botEntraAppId string = ''

@secure()
@description('SingleTenant only: the client secret of that app registration; stored in Key Vault')
param botPassword string = ''

@description('Comma-separated tenant GUIDs whose Teams activities are accepted; default: this tenant only')
param allowedTenantIds string = tenant().tenantId

@allowed([
  'Serverless'
  'Provisioned'
])
@description('Serverless bills per request (fits one municipality); Provisioned reserves throughput shared by the containers')
param cosmosCapacityMode string = 'Serverless'

@minValue(400)
@description('Provisioned only: RU/s shared by all containers of the database')
param cosmosThroughput int = 400

@allowed([
  'Continuous7Days'
  'Continuous30Days'
])
@description('Continuous backup: point-in-time restore to any second within the last 7 or 30 days')
param cosmosBackupTier string = 'Continuous30Days'

param cosmosDatabaseName string = 'naervaer'

@secure()
@minLength(16)
@description('Bearer key of the import APIs (roster, absence, evaluate)')
param ingestApiKey string

@secure()
@minLength(16)
@description('Bearer key for reading personal data (pupil status, school report)')
param readApiKey string

@secure()
@minLength(16)
@description('Bearer key of the audit log, for the data protection officer')
param auditApiKey string

@secure()
@minLength(16)
@description('Bearer key of the erasure API')
param eraseApiKey string

@minValue(30)
@description('Days the audit trail is kept (default three years, the general limitation period)')
param auditRetentionDays int = 1095

@minValue(7)
@description('Days a sent or dead outbox item (where a Teams message landed; a dead card until its teacher installs the app) is kept')
param outboxRetentionDays int = 30

@description('Local time (HH:MM) of the daily evaluation on school days')
param evaluateAt string = '06:00'

@minValue(30)
@maxValue(730)
@description('Days Log Analytics keeps logs and telemetry')
param logRetentionDays int = 90

@description('Key Vault purge protection: deleted secrets cannot be purged before the 90-day soft-delete period ends')
param keyVaultPurgeProtection bool = false

@description('The bot installs itself for a teacher it cannot reach, through Microsoft Graph (needs TeamsAppInstallation.ReadWriteSelfForUser.All; docs/deploy.md)')
param graphSelfInstall bool = false

@description('The Teams app\'s manifest id (the toolkit\'s TEAMS_APP_ID): how Graph finds the app in the catalogue')
param teamsAppId string = ''

var name = toLower(resourceBaseName)
var tenantId = tenant().tenantId
var isMsi = botType == 'UserAssignedMsi'
// One expression for the bot's app id: the app setting, the Azure Bot and the toolkit's BOT_ID output all use it.
var botAppId = isMsi ? identity.properties.clientId : botEntraAppId
var keyVaultSecretsUserRole = '4633458b-17de-408a-b874-0445c86b69e6'
var cosmosDataContributorRole = '00000000-0000-0000-0000-000000000002'

// The containers and partition keys of src/store/containers.ts; the app cannot create them itself, since
// data-plane RBAC gives it no control-plane rights.
var cosmosContainers = [
  { name: 'schools', partitionKey: '/id' }
  { name: 'staff', partitionKey: '/aadObjectId' }
  { name: 'pupils', partitionKey: '/id' }
  { name: 'absences', partitionKey: '/pupilId' }
  { name: 'cases', partitionKey: '/pupilId' }
  { name: 'conversations', partitionKey: '/aadObjectId' }
  { name: 'schedule', partitionKey: '/scope' }
  { name: 'outbox', partitionKey: '/recipient' }
  { name: 'audit', partitionKey: '/scope' }
  { name: 'channels', partitionKey: '/schoolId' }
]

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  location: location
  name: name
}

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  location: location
  name: '${name}-logs'
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  location: location
  name: '${name}-insights'
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    // Telemetry stays in the workspace of this region; no IP addresses are stored.
    DisableIpMasking: false
  }
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  location: location
  name: '${name}-kv'
  properties: {
    tenantId: tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: keyVaultPurgeProtection ? true : null
  }
}

resource ingestApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'ingest-api-key'
  properties: {
    value: ingestApiKey
  }
}

resource readApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'read-api-key'
  properties: {
    value: readApiKey
  }
}

resource auditApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'audit-api-key'
  properties: {
    value: auditApiKey
  }
}

resource eraseApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'erase-api-key'
  properties: {
    value: eraseApiKey
  }
}

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!isMsi) {
  parent: keyVault
  name: 'bot-password'
  properties: {
    value: botPassword
  }
}

resource keyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: keyVault
  name: guid(keyVault.id, identity.id, keyVaultSecretsUserRole)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRole)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  location: location
  name: name
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    capabilities: cosmosCapacityMode == 'Serverless' ? [{ name: 'EnableServerless' }] : []
    backupPolicy: {
      type: 'Continuous'
      continuousModeProperties: {
        tier: cosmosBackupTier
      }
    }
    // No account keys: only Entra identities with a data-plane role reach the data.
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
  }
}

resource cosmosDatabase 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: cosmos
  name: cosmosDatabaseName
  properties: {
    resource: {
      id: cosmosDatabaseName
    }
    options: cosmosCapacityMode == 'Provisioned' ? { throughput: cosmosThroughput } : {}
  }
}

resource cosmosContainer 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [
  for c in cosmosContainers: {
    parent: cosmosDatabase
    name: c.name
    properties: {
      resource: {
        id: c.name
        partitionKey: {
          paths: [c.partitionKey]
          kind: 'Hash'
        }
      }
    }
  }
]

resource cosmosDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: cosmos
  name: guid(cosmos.id, identity.id, cosmosDataContributorRole)
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${cosmosDataContributorRole}'
    principalId: identity.properties.principalId
    scope: cosmos.id
  }
}

resource serverfarm 'Microsoft.Web/serverfarms@2023-12-01' = {
  kind: 'linux'
  location: location
  name: name
  sku: {
    name: webAppSku
  }
  properties: {
    reserved: true
  }
}

// App settings: every name is a variable src/config.ts knows, or one of the platform's listed in
// test/deploy/config-consistency.test.ts. Secrets are Key Vault references resolved by App Service.
var baseAppSettings = [
  { name: 'NODE_ENV', value: 'production' }
  { name: 'BOT_ID', value: botAppId }
  { name: 'BOT_TENANT_ID', value: tenantId }
  { name: 'BOT_TYPE', value: botType }
  { name: 'ALLOWED_TENANT_IDS', value: allowedTenantIds }
  { name: 'COSMOS_ENDPOINT', value: cosmos.properties.documentEndpoint }
  { name: 'COSMOS_DATABASE', value: cosmosDatabaseName }
  { name: 'INGEST_API_KEY', value: '@Microsoft.KeyVault(SecretUri=${ingestApiKeySecret.properties.secretUri})' }
  { name: 'READ_API_KEY', value: '@Microsoft.KeyVault(SecretUri=${readApiKeySecret.properties.secretUri})' }
  { name: 'AUDIT_API_KEY', value: '@Microsoft.KeyVault(SecretUri=${auditApiKeySecret.properties.secretUri})' }
  { name: 'ERASE_API_KEY', value: '@Microsoft.KeyVault(SecretUri=${eraseApiKeySecret.properties.secretUri})' }
  { name: 'AUDIT_RETENTION_DAYS', value: string(auditRetentionDays) }
  { name: 'OUTBOX_RETENTION_DAYS', value: string(outboxRetentionDays) }
  { name: 'EVALUATE_AT', value: evaluateAt }
  { name: 'GRAPH_SELF_INSTALL', value: string(graphSelfInstall) }
  { name: 'TEAMS_APP_ID', value: teamsAppId }
  { name: 'LOG_LEVEL', value: 'info' }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
  // Tells DefaultAzureCredential which of the app's identities to use for Cosmos DB.
  { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
  // The zip arrives built, with production dependencies only (infra/scripts/stage-app.sh): run it read-only as it is.
  { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
  { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
]

// Used only when botType is SingleTenant, where botPasswordSecret exists (the ! tells the compiler so).
var botPasswordSetting = {
  name: 'BOT_PASSWORD'
  value: '@Microsoft.KeyVault(SecretUri=${botPasswordSecret!.properties.secretUri})'
}

var appSettings = isMsi ? baseAppSettings : concat(baseAppSettings, [botPasswordSetting])

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  kind: 'app,linux'
  location: location
  name: name
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: linuxFxVersion
      // npm start is the local demo starter; the service itself is started explicitly.
      appCommandLine: 'node --max-semi-space-size=64 dist/src/main.js'
      alwaysOn: true
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: appSettings
    }
  }
  dependsOn: [
    keyVaultSecretsUser
    cosmosDataContributor
    cosmosContainer
  ]
}

resource webAppDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: webApp
  name: 'to-log-analytics'
  properties: {
    workspaceId: logAnalytics.id
    // Console output is the app's own log (ids and event names only); HTTP logs are left out because
    // request URLs can carry pupil ids.
    logs: [
      { category: 'AppServiceConsoleLogs', enabled: true }
      { category: 'AppServicePlatformLogs', enabled: true }
    ]
    metrics: [{ category: 'AllMetrics', enabled: true }]
  }
}

module azureBotRegistration './botRegistration/azurebot.bicep' = {
  name: 'Azure-Bot-registration'
  params: {
    resourceBaseName: name
    botDisplayName: botDisplayName
    botAppDomain: webApp.properties.defaultHostName
    botType: botType
    botAppId: botAppId
    identityResourceId: identity.id
    tenantId: tenantId
  }
}

// The toolkit writes these outputs to env/.env.<environment>; npm run package and the deploy step read them.
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output BOT_ID string = botAppId
output BOT_TENANT_ID string = tenantId
output BOT_IDENTITY_CLIENT_ID string = identity.properties.clientId
output COSMOS_ENDPOINT string = cosmos.properties.documentEndpoint
output KEY_VAULT_NAME string = keyVault.name
