// Email through Azure Communication Services: an Email service with an Azure-managed domain
// (DoNotReply@<guid>.azurecomm.net, no DNS to set up), linked to a Communication Services resource whose access keys
// are switched off. The app sends with its identity and a role that allows sending (see senderRole below).
// Communication resources are global; dataLocation picks the geography that keeps the data.
param tags object
param resourceToken string
param dataLocation string
param useCustomSenderRole bool

resource emailService 'Microsoft.Communication/emailServices@2025-05-01' = {
  name: 'email-${resourceToken}'
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
  }
}

resource managedDomain 'Microsoft.Communication/emailServices/domains@2025-05-01' = {
  parent: emailService
  name: 'AzureManagedDomain'
  location: 'global'
  tags: tags
  properties: {
    domainManagement: 'AzureManaged'
    // No tracking pixels or rewritten links in invitation emails.
    userEngagementTracking: 'Disabled'
  }
}

resource communication 'Microsoft.Communication/communicationServices@2025-05-01' = {
  name: 'acs-${resourceToken}'
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    linkedDomains: [
      managedDomain.id
    ]
    disableLocalAuth: true
  }
}

// There is no send-only built-in role. Microsoft documents the built-in Communication and Email Service Owner role
// (everything on the resource) or a custom role with exactly these three actions for sending with Entra ID.
// Creating a role definition needs Owner or User Access Administrator on the resource group.
var senderRoleName = guid(resourceGroup().id, 'partner-relationships-email-sender')

resource senderRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = if (useCustomSenderRole) {
  name: senderRoleName
  properties: {
    // Role names are unique per tenant: the resource group's id keeps two environments apart.
    roleName: 'Partner relationships email sender ${uniqueString(resourceGroup().id)}'
    description: 'Send email through the Azure Communication Services resources of this resource group: the actions Microsoft documents for sending with Entra ID (Write also covers changing the resource; reading its keys is not included).'
    type: 'CustomRole'
    assignableScopes: [
      resourceGroup().id
    ]
    permissions: [
      {
        actions: [
          'Microsoft.Communication/CommunicationServices/Read'
          'Microsoft.Communication/CommunicationServices/Write'
          'Microsoft.Communication/EmailServices/write'
        ]
        notActions: []
        dataActions: []
        notDataActions: []
      }
    ]
  }
}

var communicationAndEmailServiceOwner = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '09976791-48a7-449e-bb21-39d1a415f350')

output communicationServiceName string = communication.name
output endpoint string = 'https://${communication.properties.hostName}'
output senderAddress string = 'DoNotReply@${managedDomain.properties.mailFromSenderDomain}'
// Role definitions are referenced by their subscription-level id, custom ones included; the module finishes (and so
// creates the role) before anything reads this output.
output senderRoleDefinitionId string = useCustomSenderRole ? subscriptionResourceId('Microsoft.Authorization/roleDefinitions', senderRoleName) : communicationAndEmailServiceOwner
