using System.Text.Json;
using System.Text.RegularExpressions;

namespace InfoDisclosure.Infra.Tests;

/// <summary>
/// The administrator's alerts: one Azure Monitor rule per metric the workflow exports (WorkflowTelemetry), querying
/// Application Insights' customMetrics by the metric's exact name, and an optional e-mail action group.
/// </summary>
public sealed partial class AlertRulesTests
{
    private static string WorkflowTelemetrySource => Path.Combine(Repo.Root, "functions", "InfoDisclosure.Workflow", "WorkflowTelemetry.cs");

    /// <summary>The metric names as the code declares them (const string …Metric = "…").</summary>
    private static IReadOnlyList<string> ExportedMetrics() =>
        MetricConstant().Matches(File.ReadAllText(WorkflowTelemetrySource)).Select(m => m.Groups["name"].Value).ToList();

    [Fact]
    public void Each_exported_metric_has_a_scheduled_query_rule_on_customMetrics()
    {
        var compiled = CompiledMainTemplate.Instance;
        Assert.True(compiled.Build.ExitCode == 0, compiled.Build.Output);
        var alerts = AlertsDeployment(compiled.Root);
        var rules = Resources(alerts).Where(r => r.GetProperty("type").GetString() == "Microsoft.Insights/scheduledQueryRules").ToList();
        var queries = alerts.GetProperty("variables").GetProperty("rules").EnumerateArray()
            .Select(rule => rule.GetProperty("query").GetString()!)
            .ToList();

        var metrics = ExportedMetrics();
        Assert.Equal(3, metrics.Count);
        Assert.Single(rules); // one resource declaration, copied per rule
        Assert.Equal("[length(variables('rules'))]", rules[0].GetProperty("copy").GetProperty("count").GetString());
        Assert.Equal(metrics.Count, queries.Count);
        Assert.All(metrics, metric => Assert.Single(queries, q => q.StartsWith("customMetrics", StringComparison.Ordinal) && q.Contains($"name == \"{metric}\"", StringComparison.Ordinal)));
        Assert.Contains("actionGroups", rules[0].GetProperty("properties").GetProperty("actions").ToString());
    }

    [Fact]
    public void The_e_mail_action_group_is_created_only_when_an_address_is_given()
    {
        var alerts = AlertsDeployment(CompiledMainTemplate.Instance.Root);
        var group = Resources(alerts).Single(r => r.GetProperty("type").GetString() == "Microsoft.Insights/actionGroups");

        Assert.Equal("[not(empty(parameters('alertEmail')))]", group.GetProperty("condition").GetString());
        Assert.Equal("[parameters('alertEmail')]", group.GetProperty("properties").GetProperty("emailReceivers")[0].GetProperty("emailAddress").GetString());
        using var parameters = Repo.ReadStrictJson(Repo.ParametersFile);
        Assert.Equal("${ALERT_EMAIL}", parameters.RootElement.GetProperty("parameters").GetProperty("alertEmail").GetProperty("value").GetString());
    }

    /// <summary>The nested template of the "alerts" module.</summary>
    private static JsonElement AlertsDeployment(JsonElement root) =>
        Resources(root)
            .Single(r => r.GetProperty("type").GetString() == "Microsoft.Resources/deployments" && r.GetProperty("name").GetString() == "alerts")
            .GetProperty("properties").GetProperty("template");

    /// <summary>A template's resources, whether compiled as an array or as the symbolic-name object.</summary>
    private static IEnumerable<JsonElement> Resources(JsonElement template)
    {
        var resources = template.GetProperty("resources");
        return resources.ValueKind == JsonValueKind.Array
            ? resources.EnumerateArray()
            : resources.EnumerateObject().Select(p => p.Value);
    }

    [GeneratedRegex("""const string \w+Metric = "(?<name>[^"]+)";""")]
    private static partial Regex MetricConstant();
}
