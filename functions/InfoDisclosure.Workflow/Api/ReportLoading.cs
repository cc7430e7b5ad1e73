using System.Globalization;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Workflow.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace InfoDisclosure.Workflow.Api;

internal static class ReportLoading
{
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
