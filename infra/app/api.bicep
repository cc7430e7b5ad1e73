metadata description = 'The InfoDisclosure Functions app: Flex Consumption, .NET isolated, storage and telemetry through its user-assigned identity.'

param name string
param location string
param tags object = {}
param planId string
param identityId string
param identityClientId string

param runtimeVersion string
param instanceMemoryMB int
param maximumInstanceCount int

param storageBlobEndpoint string
param storageQueueEndpoint string
param storageTableEndpoint string
param deploymentContainerName string
param applicationInsightsConnectionString string

@description('The app\'s own plain settings (names as in local.settings.sample.json).')
param appSettings object

@description('Settings whose values are Key Vault secrets: setting Name__Part is secret Name--Part.')
param secretSettingNames string[] = []

@description('The vault holding those secrets, ending with \'/\'.')
param keyVaultUri string

@description('Where reviewers reach the app; empty: the function app\'s own https address.')
param publicBaseUrl string = ''

module functionApp '../core/host/functions-flexconsumption.bicep' = {
  name: '${name}-site'
  params: {
    name: name
    location: location
    tags: union(tags, { 'azd-service-name': 'api' })
    planId: planId
    identityId: identityId
    runtimeName: 'dotnet-isolated'
    runtimeVersion: runtimeVersion
    deploymentContainerUrl: '${storageBlobEndpoint}${deploymentContainerName}'
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
  }
}

// AzureWebJobsStorage as an identity-based connection. The service URIs (not __accountName, from which the host
// would build public-cloud host names) keep it working in Azure China. The app has no storage connection string:
// shared keys are disabled on the account.
var hostSettings = {
  AzureWebJobsStorage__blobServiceUri: storageBlobEndpoint
  AzureWebJobsStorage__queueServiceUri: storageQueueEndpoint
  AzureWebJobsStorage__tableServiceUri: storageTableEndpoint
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD;ClientId=${identityClientId}'
}

// Without a secret version: the app follows the newest version of each secret.
var secretReferences = toObject(
  secretSettingNames,
  setting => setting,
  setting => '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${replace(setting, '__', '--')})'
)

resource site 'Microsoft.Web/sites@2025-03-01' existing = {
  name: name
}

resource settings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'appsettings'
  properties: union(appSettings, secretReferences, hostSettings, {
    PublicBaseUrl: empty(publicBaseUrl) ? 'https://${functionApp.outputs.defaultHostName}' : publicBaseUrl
  })
}

output name string = functionApp.outputs.name
output url string = 'https://${functionApp.outputs.defaultHostName}'
