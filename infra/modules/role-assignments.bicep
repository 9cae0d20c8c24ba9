// What the app's identity may do, each role on the one resource that needs it, and optionally the same data
// roles for a developer who runs the local build against these resources (README, Deploy to Azure).
param appPrincipalId string
param developerPrincipalId string
param storageAccountName string
param applicationInsightsName string
param cosmosAccountName string
param serviceBusNamespaceName string
param communicationServiceName string
param emailSenderRoleDefinitionId string
param keyVaultName string
param linkTokenEntryName string

// Built-in role definition ids (the same in every tenant).
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var serviceBusDataSender = '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
var serviceBusDataReceiver = '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'
// Cosmos DB's own data-plane role (a SQL role definition on the account, not an Azure RBAC role).
var cosmosBuiltInDataContributor = '00000000-0000-0000-0000-000000000002'

var withDeveloper = !empty(developerPrincipalId)

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource cosmosAccount 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' existing = {
  name: cosmosAccountName
}

resource serviceBusNamespace 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusNamespaceName
}

resource communication 'Microsoft.Communication/communicationServices@2025-05-01' existing = {
  name: communicationServiceName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource linkTokenSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' existing = {
  parent: vault
  name: linkTokenEntryName
}

// AzureWebJobsStorage with an identity: blobs for timer leases, host state and the deployment package; queues for
// the host's own bookkeeping. No tables: nothing here uses Durable Functions.
resource appStorageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in [storageBlobDataOwner, storageQueueDataContributor]: {
    name: guid(storageAccount.id, appPrincipalId, roleId)
    scope: storageAccount
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

// Application Insights with local auth off takes telemetry only from identities with this role.
resource appTelemetryRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, appPrincipalId, monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Sender for the outbox publisher, Receiver for the queue triggers.
resource appServiceBusRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in [serviceBusDataSender, serviceBusDataReceiver]: {
    name: guid(serviceBusNamespace.id, appPrincipalId, roleId)
    scope: serviceBusNamespace
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource appEmailRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(communication.id, appPrincipalId, emailSenderRoleDefinitionId)
  scope: communication
  properties: {
    roleDefinitionId: emailSenderRoleDefinitionId
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Read this one secret (the Key Vault reference in the app settings), not the whole vault.
resource appSecretRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(linkTokenSecret.id, appPrincipalId, keyVaultSecretsUser)
  scope: linkTokenSecret
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource appCosmosRole 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: cosmosAccount
  name: guid(cosmosAccount.id, appPrincipalId, cosmosBuiltInDataContributor)
  properties: {
    roleDefinitionId: '${cosmosAccount.id}/sqlRoleDefinitions/${cosmosBuiltInDataContributor}'
    principalId: appPrincipalId
    scope: cosmosAccount.id
  }
}

resource developerServiceBusRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in [serviceBusDataSender, serviceBusDataReceiver]: if (withDeveloper) {
    name: guid(serviceBusNamespace.id, developerPrincipalId, roleId)
    scope: serviceBusNamespace
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: developerPrincipalId
      principalType: 'User'
    }
  }
]

resource developerEmailRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (withDeveloper) {
  name: guid(communication.id, developerPrincipalId, emailSenderRoleDefinitionId)
  scope: communication
  properties: {
    roleDefinitionId: emailSenderRoleDefinitionId
    principalId: developerPrincipalId
    principalType: 'User'
  }
}

resource developerCosmosRole 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = if (withDeveloper) {
  parent: cosmosAccount
  name: guid(cosmosAccount.id, developerPrincipalId, cosmosBuiltInDataContributor)
  properties: {
    roleDefinitionId: '${cosmosAccount.id}/sqlRoleDefinitions/${cosmosBuiltInDataContributor}'
    principalId: developerPrincipalId
    scope: cosmosAccount.id
  }
}
