using System.Globalization;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Workflow.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace InfoDisclosure.Workflow.Api;

internal static class ReportLoading
{
    /// <summary>
    /// The agency's report of <paramref name="year"/> as it stands: the approved version once approved, else the
    /// current draft; null when there is none. Used as "last year's report" for pre-filling and 勾稽 checks.
    /// </summary>
    public static async Task<AnnualReport?> LatestAsync(ReportIndex index, ReportDocuments documents, string agencyId, int year, CancellationToken ct)
    {
        var entry = await index.GetAsync(agencyId, year, ct);
        if (entry is null) return null;
        var number = entry.Stage is ReportStages.Draft or ReportStages.InReview ? entry.CurrentVersion : entry.SubmittedVersion ?? entry.CurrentVersion;
        return number > 0 ? await documents.ReadReportAsync(agencyId, year, number, ct) : null;
    }

    /// <summary>The report's row and the version to show: ?version=n, else the current one.</summary>
    public static async Task<(ReportIndexEntry? Entry, int Version, IResult? Problem)> VersionForReadingAsync(
        HttpContext http, IReadOnlyDictionary<string, string> route)
    {
        if (!HttpInputs.TryReport(route, out var agencyId, out var year, out var problem)) return (null, 0, problem);
        var entry = await http.RequestServices.GetRequiredService<ReportIndex>().GetAsync(agencyId, year, http.RequestAborted);
        if (entry is null) return (null, 0, ReportEndpoints.NoSuchReport(agencyId, year));
        var requested = http.Request.Query["version"].ToString();
        if (requested.Length == 0) return (entry, entry.CurrentVersion, null);
        if (!int.TryParse(requested, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1 || version > entry.VersionCount)
        {
            return (null, 0, Problems.Field("version", $"Versions of this report are 1 to {entry.VersionCount}."));
        }
        return (entry, version, null);
    }
}
