// The Functions host's storage (AzureWebJobsStorage: timer leases and host state) and the Flex Consumption
// deployment container, reached with the app's identity only: shared keys are switched off.
param location string
param tags object
@minLength(13)
@maxLength(13)
@description('toLower(uniqueString(...)) from main.bicep: always 13 characters, so the account name (3 to 24 lower-case letters and digits) is 15.')
param resourceToken string

var deploymentContainerName = 'app-package-${resourceToken}'

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'st${resourceToken}'
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

output name string = account.name
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainer.name}'
