using System.Globalization;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Workflow.Access;
using InfoDisclosure.Workflow.Api;
using InfoDisclosure.Workflow.Storage;
using InfoDisclosure.Workflow.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace InfoDisclosure.Workflow.Admin;

/// <summary>
/// The supervising office's overview: JSON and CSV under /api/admin and the page under /overview, for the office and
/// the admin (access declared in ApiRoutes). The page is not at /admin because Azure
/// Functions reserves routes starting with "admin" for its own host API, and both hosts serve the same routes.
/// Every GET only reads.
/// </summary>
public static class AdminEndpoints
{
    public const string PagePath = "/overview";

    /// <summary>GET /api/admin/overview?year=YYYY[&amp;format=csv]</summary>
    public static async Task<IResult> OverviewAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        if (!TryYear(http, out var year, out var problem)) return problem!;
        var format = http.Request.Query["format"].ToString();
        if (format is not ("" or "json" or "csv")) return Problems.Field("format", "Use format=json (the default) or format=csv.");
        var overview = await http.RequestServices.GetRequiredService<AdminOverview>().BuildAsync(year, durable, http.RequestAborted);
        return format == "csv" ? Csv(overview) : Results.Json(overview, WorkflowJson.Options);
    }

    /// <summary>GET /api/admin/summary?year=YYYY</summary>
    public static async Task<IResult> SummaryAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        if (!TryYear(http, out var year, out var problem)) return problem!;
        var s = await http.RequestServices.GetRequiredService<AdminSummary>().BuildAsync(year, http.RequestAborted);
        return Results.Json(new
        {
            s.Year,
            s.GeneratedAt,
            included = s.Included,
            missing = s.Missing,
            notes = s.Notes,
            tables = new
            {
                proactiveDisclosure = s.Report.ProactiveDisclosure,
                applications = s.Report.Applications,
                reviewAndLitigation = s.Report.ReviewAndLitigation,
            },
            cells = s.Cells,
        }, ReportJson.Options);
    }

    /// <summary>GET /overview?year=YYYY: the page (office or admin; the access gate sends others to sign in).</summary>
    public static async Task<IResult> PageAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        SecurityHeaders(http);
        var overview = await http.RequestServices.GetRequiredService<AdminOverview>().BuildAsync(ParseYear(http) ?? DefaultYear(http), durable, http.RequestAborted);
        return Pages.Render<OverviewPage>(StatusCodes.Status200OK, new Dictionary<string, object?>
        {
            [nameof(OverviewPage.Overview)] = overview,
            [nameof(OverviewPage.BasePath)] = PagePath,
            [nameof(OverviewPage.Caller)] = http.Caller(),
            [nameof(OverviewPage.Token)] = FormToken.For(http),
        });
    }

    /// <summary>GET /overview/export.csv?year=YYYY (same access as the page).</summary>
    public static async Task<IResult> PageCsvAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        SecurityHeaders(http);
        var overview = await http.RequestServices.GetRequiredService<AdminOverview>().BuildAsync(ParseYear(http) ?? DefaultYear(http), durable, http.RequestAborted);
        return Csv(overview);
    }

    private static IResult Csv(Overview overview) =>
        Results.File(AdminCsv.Render(overview), "text/csv; charset=utf-8", $"overview-{overview.Year}.csv");

    /// <summary>For the answers that are not pages (CSV, redirects); pages get the same headers from <see cref="Pages"/>.</summary>
    private static void SecurityHeaders(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = Pages.SitePolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        headers.XFrameOptions = "DENY";
    }

    private static DateTimeOffset Now(HttpContext http) => http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();

    private static int DefaultYear(HttpContext http) => AdminOverview.DefaultYear(Now(http));

    private static int? ParseYear(HttpContext http) =>
        int.TryParse(http.Request.Query["year"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var y) && ReportYear.IsValid(y) ? y : null;

    private static bool TryYear(HttpContext http, out int year, out IResult? problem)
    {
        problem = null;
        var text = http.Request.Query["year"].ToString();
        if (text.Length == 0)
        {
            year = DefaultYear(http);
            return true;
        }
        return HttpInputs.TryYear(text, "year", out year, out problem);
    }
}
