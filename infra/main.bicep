targetScope = 'subscription'

metadata description = 'InfoDisclosure on Azure: the Functions app (Flex Consumption), its storage, Key Vault and monitoring.'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; part of every resource name.')
param environmentName string

@minLength(1)
@description('Region for all resources. It must offer the Flex Consumption plan.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Resource group name; empty: rg-<environmentName>.')
param resourceGroupName string = ''

@description('Object id of the person or pipeline running azd (set by azd). Gets the roles to read the task hub and manage the secrets.')
param principalId string = ''

@allowed(['User', 'ServicePrincipal', 'Group'])
param principalType string = 'User'

// ---- Settings of the app (see docs/deploy-and-monitor.md). ----

@minLength(3)
@maxLength(45)
@description('Durable Functions task hub name: letters and digits, starting with a letter.')
param taskHubName string = 'InfoDisclosure'

@description('Public https address reviewers open from the e-mails; empty: the function app\'s own address.')
param publicBaseUrl string = ''

@description('SMTP server the review and reminder e-mails go through.')
param smtpHost string

param smtpPort int = 587

@description('Sender address, "address" or "Name <address>".')
param smtpFrom string

@description('SMTP user; empty when the server takes mail without signing in.')
param smtpUser string = ''

@description('True: TLS required (implicit on 465, STARTTLS elsewhere).')
param smtpUseTls bool = true

@description('Default portal endpoint that receives published reports; empty: none.')
param portalEndpoint string = ''

@minValue(1)
@maxValue(60)
@description('Days an e-mailed review link stays valid.')
param reviewLinksValidDays int = 7

@description('The administrator\'s e-mail address (late reminders, failed publications).')
param adminEmail string

// ---- Secrets: stored in Key Vault, read by the app through Key Vault references. ----

@secure()
@description('Optional single sign-on in front of the app (App Service Authentication): azureActiveDirectory (Entra ID) or openIdConnect; empty: sign-in by e-mail link only.')
@allowed([
  ''
  'azureActiveDirectory'
  'openIdConnect'
])
param identityProvider string = ''

@description('The client id registered with the identity provider.')
param identityProviderClientId string = ''

@description('Entra ID: the issuer, https://<login host>/<tenant id>/v2.0.')
param identityProviderIssuer string = ''

@description('OpenID Connect: the provider\'s /.well-known/openid-configuration address.')
param identityProviderOpenIdConfigurationUrl string = ''

@description('OpenID Connect: the provider\'s name in /.auth/login/<name>.')
param identityProviderName string = 'oidc'

@secure()
@description('The client secret registered with the identity provider (stored in Key Vault as Auth--ProviderClientSecret).')
param identityProviderClientSecret string = ''

@description('Api__Key, the x-functions-key every /api call sends. main.parameters.json generates it once and then reads it back from Key Vault.')
param apiKey string

@secure()
@description('Smtp__Password; empty: none.')
param smtpPassword string = ''

@secure()
@description('Portal__Secret, the HMAC key of portal pushes; empty: none (needed when a portal endpoint is used).')
param portalSecret string = ''

@secure()
@description('ReviewLinks__SigningKey, the key of the review pages\' anti-forgery value. Generated once like apiKey.')
param reviewLinksSigningKey string

// ---- Size. ----

@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_RAGRS'])
param storageSkuName string = 'Standard_LRS'

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppName = '${abbrs.webSitesFunctions}api-${resourceToken}'
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}-${take(resourceToken, 7)}'
var identityName = '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
var storageAccountName = '${abbrs.storageStorageAccounts}${resourceToken}'
var keyVaultName = '${abbrs.keyVaultVaults}${resourceToken}'
var applicationInsightsName = '${abbrs.insightsComponents}${resourceToken}'

// The isolated worker's .NET version: keep equal to the TargetFramework of functions/InfoDisclosure.Functions.
var dotnetVersion = '10.0'

// Plain settings; an empty value leaves the setting out, so the app's default applies.
var plainSettings = {
  TaskHubName: taskHubName
  Smtp__Host: smtpHost
  Smtp__Port: string(smtpPort)
  Smtp__From: smtpFrom
  Smtp__User: smtpUser
  Smtp__UseTls: smtpUseTls ? 'true' : 'false'
  Portal__Endpoint: portalEndpoint
  ReviewLinks__ValidDays: string(reviewLinksValidDays)
  Admin__Email: adminEmail
  // With a provider, the app trusts X-MS-CLIENT-PRINCIPAL (set by App Service Authentication) and links to its login.
  Auth__EasyAuth: empty(identityProvider) ? '' : 'true'
  Auth__EasyAuthLoginPath: identityProvider == 'azureActiveDirectory' ? '/.auth/login/aad' : (identityProvider == 'openIdConnect' ? '/.auth/login/${identityProviderName}' : '')
}

// Secret settings: setting Name__Part lives in Key Vault as secret Name--Part ('_' is not allowed in secret names)
// and reaches the app as a Key Vault reference without a version, so a new secret version is picked up.
// An empty value stores nothing and leaves the setting out.
var secretSettings = [
  { name: 'Api__Key', value: apiKey }
  { name: 'Smtp__Password', value: smtpPassword }
  { name: 'Portal__Secret', value: portalSecret }
  { name: 'ReviewLinks__SigningKey', value: reviewLinksSigningKey }
  { name: 'Auth__ProviderClientSecret', value: identityProviderClientSecret }
]
var storedSecrets = filter(secretSettings, s => !empty(s.value))

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'core/identity/user-assigned-identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module storage 'core/storage/storage-account.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: storageAccountName
    location: location
    tags: tags
    skuName: storageSkuName
    containerNames: [deploymentContainerName]
    // Published reports are public documents: the app makes only its "published" container anonymously readable.
    allowBlobPublicAccess: true
  }
}

module monitoring 'core/monitor/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: applicationInsightsName
    location: location
    tags: tags
  }
}

module keyVault 'core/security/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: keyVaultName
    location: location
    tags: tags
  }
}

module secrets 'core/security/keyvault-secret.bicep' = [
  for secret in storedSecrets: {
    name: 'secret-${secret.name}'
    scope: rg
    params: {
      keyVaultName: keyVaultName
      name: replace(secret.name, '__', '--')
      value: secret.value
    }
    dependsOn: [
      keyVault
    ]
  }
]

module plan 'core/host/flex-consumption-plan.bicep' = {
  name: 'plan'
  scope: rg
  params: {
    name: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storageAccountName
    keyVaultName: keyVaultName
    applicationInsightsName: applicationInsightsName
    identityName: identityName
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
  dependsOn: [
    identity
    storage
    keyVault
    monitoring
  ]
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    location: location
    tags: tags
    planId: plan.outputs.id
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    runtimeVersion: dotnetVersion
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    publicBaseUrl: publicBaseUrl
    appSettings: toObject(filter(items(plainSettings), s => !empty(s.value)), s => s.key, s => s.value)
    keyVaultUri: keyVault.outputs.uri
    secretSettingNames: map(storedSecrets, s => s.name)
  }
  // The app's first start resolves the Key Vault references and opens the task hub: secrets and roles first.
  dependsOn: [
    secrets
    rbac
  ]
}

module auth 'app/auth.bicep' = if (!empty(identityProvider)) {
  name: 'auth'
  scope: rg
  params: {
    siteName: functionAppName
    provider: identityProvider == 'openIdConnect' ? 'openIdConnect' : 'azureActiveDirectory'
    clientId: identityProviderClientId
    credentialSettingName: 'Auth__ProviderClientSecret'
    issuer: identityProviderIssuer
    openIdConfigurationUrl: identityProviderOpenIdConfigurationUrl
    openIdProviderName: identityProviderName
  }
  dependsOn: [
    api
  ]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output AZURE_FUNCTION_URL string = api.outputs.url
output SERVICE_API_NAME string = api.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_STORAGE_QUEUE_ENDPOINT string = storage.outputs.queueEndpoint
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint
output TASK_HUB_NAME string = taskHubName
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
