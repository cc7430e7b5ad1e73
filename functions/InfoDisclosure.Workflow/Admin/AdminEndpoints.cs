using System.Globalization;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Workflow.Api;
using InfoDisclosure.Workflow.Storage;
using InfoDisclosure.Workflow.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InfoDisclosure.Workflow.Admin;

/// <summary>
/// The supervising office's overview. JSON and CSV under /api/admin (API key, like every /api call) and the page under
/// /overview (API key header, or the session cookie of its login form). The page is not at /admin because Azure
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
        var overview = await http.RequestServices.GetRequiredService<AdminOverview>().BuildAsync(year, http.RequestAborted);
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

    /// <summary>GET /overview?year=YYYY: the page, or the login form (401) without a key or session.</summary>
    public static async Task<IResult> PageAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        SecurityHeaders(http);
        var year = ParseYear(http);
        if (!Authorized(http)) return Login(StatusCodes.Status401Unauthorized, year, null);
        var overview = await http.RequestServices.GetRequiredService<AdminOverview>().BuildAsync(year ?? DefaultYear(http), http.RequestAborted);
        return Pages.Render<OverviewPage>(StatusCodes.Status200OK, new Dictionary<string, object?>
        {
            [nameof(OverviewPage.Overview)] = overview,
            [nameof(OverviewPage.BasePath)] = PagePath,
        });
    }

    /// <summary>GET /overview/export.csv?year=YYYY (same access as the page).</summary>
    public static async Task<IResult> PageCsvAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        SecurityHeaders(http);
        if (!Authorized(http)) return Login(StatusCodes.Status401Unauthorized, ParseYear(http), null);
        var overview = await http.RequestServices.GetRequiredService<AdminOverview>().BuildAsync(ParseYear(http) ?? DefaultYear(http), http.RequestAborted);
        return Csv(overview);
    }

    /// <summary>POST /overview/login (form: key, year): sets the session cookie and returns to the page.</summary>
    public static async Task<IResult> LoginAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        SecurityHeaders(http);
        if (!http.Request.HasFormContentType) return Login(StatusCodes.Status400BadRequest, null, "请通过登录表单提交。");
        var (form, formProblem) = await HttpInputs.ReadFormAsync(http);
        if (formProblem is not null) return formProblem;
        var year = int.TryParse(form!["year"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var y) && ReportYear.IsValid(y) ? y : (int?)null;
        var apiKey = ApiKey(http);
        if (!ApiKeyCheck.IsAuthorized(form["key"].ToString(), apiKey))
        {
            return Login(StatusCodes.Status401Unauthorized, year, "密钥不正确。");
        }
        AdminSession.SetCookie(http, AdminSession.Issue(apiKey, Now(http)), PagePath);
        return new SeeOther(year is { } target ? $"{PagePath}?year={target}" : PagePath);
    }

    /// <summary>POST /overview/logout: ends the session.</summary>
    public static Task<IResult> LogoutAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        SecurityHeaders(http);
        AdminSession.ClearCookie(http, PagePath);
        return Task.FromResult<IResult>(new SeeOther(PagePath));
    }

    private static IResult Csv(Overview overview) =>
        Results.File(AdminCsv.Render(overview), "text/csv; charset=utf-8", $"overview-{overview.Year}.csv");

    private static IResult Login(int status, int? year, string? error) => Pages.Render<OverviewLogin>(status, new Dictionary<string, object?>
    {
        [nameof(OverviewLogin.BasePath)] = PagePath,
        [nameof(OverviewLogin.Year)] = year,
        [nameof(OverviewLogin.Error)] = error,
    });

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

    private static bool Authorized(HttpContext http) => AdminSession.IsAuthorized(http, ApiKey(http), Now(http));

    private static string ApiKey(HttpContext http) => http.RequestServices.GetRequiredService<IOptions<WorkflowOptions>>().Value.ApiKey;

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

    /// <summary>303 See Other: after a form POST the browser GETs the page.</summary>
    private sealed class SeeOther(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
