// Registers the web app as an Azure Bot with the Teams channel. The bot's identity is either the user-assigned
// managed identity (no secret anywhere) or an Entra app registration in the municipality's tenant.
@maxLength(20)
@minLength(4)
@description('Used to generate names for all resources in this file')
param resourceBaseName string

@maxLength(42)
param botDisplayName string

@description('The host name the bot answers on; Teams posts to https://<botAppDomain>/api/messages')
param botAppDomain string

@allowed([
  'UserAssignedMsi'
  'SingleTenant'
])
param botType string

@description('The bot\'s Microsoft App ID: the managed identity\'s client id or the app registration\'s')
param botAppId string

@description('Resource id of the user-assigned managed identity (used when botType is UserAssignedMsi)')
param identityResourceId string

param tenantId string

@allowed([
  'F0'
  'S1'
])
@description('F0 is enough: Teams is a standard channel, and standard channels are not metered')
param botServiceSku string = 'F0'

resource botService 'Microsoft.BotService/botServices@2022-09-15' = {
  kind: 'azurebot'
  // Azure Bot is a global resource: it routes activities and does not store conversation content.
  location: 'global'
  name: resourceBaseName
  sku: {
    name: botServiceSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${botAppDomain}/api/messages'
    msaAppId: botAppId
    msaAppType: botType == 'UserAssignedMsi' ? 'UserAssignedMSI' : 'SingleTenant'
    msaAppMSIResourceId: botType == 'UserAssignedMsi' ? identityResourceId : null
    msaAppTenantId: tenantId
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

resource botServiceMsTeamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: botService
  location: 'global'
  name: 'MsTeamsChannel'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      enableCalling: false
    }
  }
}

output botServiceName string = botService.name
