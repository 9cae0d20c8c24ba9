// Service Bus namespace with SAS keys switched off (the app signs in with its identity) and the product's queues.
param location string
param tags object
param resourceToken string

@allowed([
  'Basic'
  'Standard'
])
param sku string

// Mirrors shared/messaging/queues.ts, the one declaration; test/unit/infra/drift.test.ts compares the two.
// lockDuration is ISO 8601 (lockDurationSeconds 60 = PT1M).
var queues = [
  {
    name: 'invitation-emails'
    lockDuration: 'PT1M'
    maxDeliveryCount: 10
    deadLetteringOnMessageExpiration: true
  }
  {
    name: 'role-grants'
    lockDuration: 'PT1M'
    maxDeliveryCount: 10
    deadLetteringOnMessageExpiration: true
  }
  {
    name: 'notifications'
    lockDuration: 'PT1M'
    maxDeliveryCount: 10
    deadLetteringOnMessageExpiration: true
  }
  {
    name: 'invitation-batches'
    lockDuration: 'PT1M'
    maxDeliveryCount: 10
    deadLetteringOnMessageExpiration: true
  }
]

resource serviceBusNamespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: 'sb-${resourceToken}'
  location: location
  tags: tags
  sku: {
    name: sku
    tier: sku
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource serviceBusQueues 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = [
  for queue in queues: {
    parent: serviceBusNamespace
    name: queue.name
    properties: {
      lockDuration: queue.lockDuration
      maxDeliveryCount: queue.maxDeliveryCount
      deadLetteringOnMessageExpiration: queue.deadLetteringOnMessageExpiration
      // 14 days is the longest time to live the Basic tier allows; the outbox timer re-publishes anyway.
      defaultMessageTimeToLive: 'P14D'
      requiresSession: false
      requiresDuplicateDetection: false
    }
  }
]

output namespaceName string = serviceBusNamespace.name
// serviceBusEndpoint is https://<namespace>.servicebus.windows.net:443/; the SDK and the trigger want the host.
output fullyQualifiedNamespace string = split(replace(serviceBusNamespace.properties.serviceBusEndpoint, 'https://', ''), ':')[0]
