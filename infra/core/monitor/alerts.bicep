metadata description = 'Azure Monitor alert rules on the workflow\'s OpenTelemetry metrics (Application Insights customMetrics), see docs/deploy-and-monitor.md.'

param location string
param tags object = {}

@description('Application Insights component the function app exports its metrics to.')
param applicationInsightsId string

@description('Prefix of the rule names.')
param namePrefix string

@description('Existing action group to notify; empty: none.')
param actionGroupId string = ''

@description('E-mail address for a new action group; empty: no new action group.')
param alertEmail string = ''

@minValue(1)
@description('Failed e-mail or 报送 attempts within 30 minutes that raise the alert.')
param notificationFailuresThreshold int = 3

resource emailGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmail)) {
  name: '${namePrefix}-admin'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'InfoDiscl'
    enabled: true
    emailReceivers: [
      {
        name: 'administrator'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

var actionGroups = concat(empty(actionGroupId) ? [] : [actionGroupId], empty(alertEmail) ? [] : [emailGroup.id])

// One rule per metric: name, severity, how far back it looks, the query (one measure column, optional dimension).
var rules = [
  {
    name: 'stuck-reports'
    description: 'Reports whose stage has not changed for longer than Alerts__StuckAfter (gauge infodisclosure.reports.stuck, by stage).'
    severity: 2
    window: 'PT15M'
    query: 'customMetrics | where name == "infodisclosure.reports.stuck" | extend stage = tostring(customDimensions["stage"]) | summarize stuck = max(value) by stage'
    measure: 'stuck'
    dimension: 'stage'
    threshold: 0
  }
  {
    name: 'notifications-failing'
    description: 'E-mail or 报送 attempts keep failing (counter infodisclosure.notifications.failing, by kind): the mail server or the supervising office\'s endpoint is down.'
    severity: 1
    window: 'PT30M'
    query: 'customMetrics | where name == "infodisclosure.notifications.failing" | extend kind = tostring(customDimensions["kind"]) | summarize failures = sum(value) by kind'
    measure: 'failures'
    dimension: 'kind'
    threshold: notificationFailuresThreshold - 1
  }
  {
    name: 'failed-instances'
    description: 'Orchestration instances in the Failed state (gauge infodisclosure.instances.failed): a report stopped on an error.'
    severity: 1
    window: 'PT15M'
    query: 'customMetrics | where name == "infodisclosure.instances.failed" | summarize failed = max(value)'
    measure: 'failed'
    dimension: ''
    threshold: 0
  }
]

resource alerts 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for rule in rules: {
    name: '${namePrefix}-${rule.name}'
    location: location
    tags: tags
    properties: {
      displayName: '${namePrefix} ${rule.name}'
      description: rule.description
      severity: rule.severity
      enabled: true
      scopes: [
        applicationInsightsId
      ]
      evaluationFrequency: 'PT5M'
      windowSize: rule.window
      criteria: {
        allOf: [
          {
            query: rule.query
            timeAggregation: 'Maximum'
            metricMeasureColumn: rule.measure
            dimensions: empty(rule.dimension)
              ? []
              : [
                  {
                    name: rule.dimension
                    operator: 'Include'
                    values: ['*']
                  }
                ]
            operator: 'GreaterThan'
            threshold: rule.threshold
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      autoMitigate: true
      actions: {
        actionGroups: actionGroups
      }
    }
  }
]

output alertRuleNames array = [for (rule, i) in rules: alerts[i].name]
