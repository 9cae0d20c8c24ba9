// partner-relationships on Azure: one resource group holding a Flex Consumption Function App and what it talks to,
// reached with a managed identity only (no keys, no connection strings). `azd up` deploys this file.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; with the subscription and the location it seeds every resource name.')
param environmentName string

@minLength(1)
@description('Region of every regional resource. It must offer the Flex Consumption plan (az functionapp list-flexconsumption-locations).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@minLength(1)
@description('Application (client) ID of the Entra app registration for the API and the pages (see README, Deploy to Azure).')
param authClientId string

@minLength(1)
@description('Application ID URI of that registration: the audience of the access tokens the API accepts (AUTH_AUDIENCE).')
param authApplicationIdUri string

@description('Issuer Easy Auth signs people in with. The default takes any work or school tenant, as the product is multi-tenant.')
param authOpenIdIssuer string = '${environment().authentication.loginEndpoint}organizations/v2.0'

@secure()
@minLength(44)
@description('Base64 of at least 32 random bytes that invitation link tokens are derived from. infra/hooks/ensure-link-token-secret.mjs makes one per azd environment; on Azure it lives only in Key Vault.')
param linkTokenSecret string

@allowed([
  'Basic'
  'Standard'
])
@description('Service Bus tier. Basic has every feature the product uses (queues, peek-lock, dead-lettering) and no hourly base charge.')
param serviceBusSku string = 'Basic'

@description('Where Communication Services keeps its data (a geography, not a region), e.g. United States or Europe.')
param emailDataLocation string = 'United States'

@description('Send email with a custom role holding only what sending needs; false uses the built-in Communication and Email Service Owner role.')
param useCustomEmailSenderRole bool = true

@minValue(1)
@maxValue(1000)
@description('Most instances the Function App may scale out to: a ceiling on cost as much as on load.')
param maximumInstanceCount int = 40

@description('Base of every link in an email when a custom domain fronts the app; empty uses the app\'s own https host name.')
param publicBaseUrl string = ''

@description('Object ID of a person to give the same data roles as the app, to run the local build against these resources. Empty gives nobody anything.')
param developerPrincipalId string = ''

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var loginEndpoint = environment().authentication.loginEndpoint

resource rg 'Microsoft.Resources/resourceGroups@2024-11-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identities 'modules/identity.bicep' = {
  name: 'identities'
  scope: rg
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  scope: rg
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
  }
}

module serviceBus 'modules/service-bus.bicep' = {
  name: 'service-bus'
  scope: rg
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    sku: serviceBusSku
  }
}

module email 'modules/email.bicep' = {
  name: 'email'
  scope: rg
  params: {
    tags: tags
    resourceToken: resourceToken
    dataLocation: emailDataLocation
    useCustomSenderRole: useCustomEmailSenderRole
  }
}

module keyVault 'modules/key-vault.bicep' = {
  name: 'key-vault'
  scope: rg
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    linkTokenSecret: linkTokenSecret
  }
}

module roles 'modules/role-assignments.bicep' = {
  name: 'role-assignments'
  scope: rg
  params: {
    appPrincipalId: identities.outputs.runtimePrincipalId
    developerPrincipalId: developerPrincipalId
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    cosmosAccountName: cosmos.outputs.accountName
    serviceBusNamespaceName: serviceBus.outputs.namespaceName
    communicationServiceName: email.outputs.communicationServiceName
    emailSenderRoleDefinitionId: email.outputs.senderRoleDefinitionId
    keyVaultName: keyVault.outputs.name
    linkTokenEntryName: keyVault.outputs.linkTokenEntryName
  }
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  // The host reaches storage with its identity as soon as it starts: the roles come first.
  dependsOn: [
    roles
  ]
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    maximumInstanceCount: maximumInstanceCount
    runtimeIdentityId: identities.outputs.runtimeId
    runtimeIdentityClientId: identities.outputs.runtimeClientId
    authIdentityId: identities.outputs.authId
    authIdentityClientId: identities.outputs.authClientId
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    cosmosAccountEndpoint: cosmos.outputs.accountEndpoint
    cosmosDatabaseName: cosmos.outputs.databaseName
    serviceBusFullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
    emailEndpoint: email.outputs.endpoint
    emailSenderAddress: email.outputs.senderAddress
    linkTokenReferenceUri: keyVault.outputs.linkTokenReferenceUri
    authIssuer: '${loginEndpoint}{tenantid}/v2.0'
    authAudience: authApplicationIdUri
    authJwksUri: '${loginEndpoint}common/discovery/v2.0/keys'
    authClientId: authClientId
    authOpenIdIssuer: authOpenIdIssuer
    publicBaseUrl: publicBaseUrl
  }
}

// azd keeps these in the environment (.azure/<env>/.env): the identity-form endpoints for a local run against
// these resources, and what the README's federated-credential step needs.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output PUBLIC_BASE_URL string = functionApp.outputs.publicBaseUrl
output COSMOS_ACCOUNT_ENDPOINT string = cosmos.outputs.accountEndpoint
output SERVICE_BUS_FULLY_QUALIFIED_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace
output EMAIL_ENDPOINT string = email.outputs.endpoint
output EMAIL_SENDER_ADDRESS string = email.outputs.senderAddress
output AUTH_FEDERATED_CREDENTIAL_ISSUER string = '${loginEndpoint}${tenant().tenantId}/v2.0'
output AUTH_FEDERATED_CREDENTIAL_SUBJECT string = identities.outputs.authPrincipalId
