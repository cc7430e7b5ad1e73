using InfoDisclosure.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace InfoDisclosure.Functions;

/// <summary>
/// One HTTP trigger per shared route (<see cref="ApiRoutes.All"/>), same name, method and template, delegating to the
/// shared handler. Anonymous at the Functions level: the shared handlers check the x-functions-key themselves, so both
/// hosts refuse and accept exactly the same calls. host.json's routePrefix is "" because the templates carry "api/".
/// A test compares the generated functions.metadata with ApiRoutes.All.
/// </summary>
public sealed class ApiFunctions
{
    private const AuthorizationLevel Anonymous = AuthorizationLevel.Anonymous;

    [Function("Agencies_Create")]
    public Task<IActionResult> AgenciesCreate(
        [HttpTrigger(Anonymous, "post", Route = "api/agencies")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) => SharedHandler.RunAsync("Agencies_Create", request, durable);

    [Function("Agencies_List")]
    public Task<IActionResult> AgenciesList(
        [HttpTrigger(Anonymous, "get", Route = "api/agencies")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) => SharedHandler.RunAsync("Agencies_List", request, durable);

    [Function("Agencies_Get")]
    public Task<IActionResult> AgenciesGet(
        [HttpTrigger(Anonymous, "get", Route = "api/agencies/{agencyId}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string agencyId) =>
        SharedHandler.RunAsync("Agencies_Get", request, durable, ("agencyId", agencyId));

    [Function("Agencies_Update")]
    public Task<IActionResult> AgenciesUpdate(
        [HttpTrigger(Anonymous, "put", Route = "api/agencies/{agencyId}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string agencyId) =>
        SharedHandler.RunAsync("Agencies_Update", request, durable, ("agencyId", agencyId));

    [Function("Reports_Create")]
    public Task<IActionResult> ReportsCreate(
        [HttpTrigger(Anonymous, "post", Route = "api/reports")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) => SharedHandler.RunAsync("Reports_Create", request, durable);

    [Function("Reports_List")]
    public Task<IActionResult> ReportsList(
        [HttpTrigger(Anonymous, "get", Route = "api/reports")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) => SharedHandler.RunAsync("Reports_List", request, durable);

    [Function("Reports_Get")]
    public Task<IActionResult> ReportsGet(
        [HttpTrigger(Anonymous, "get", Route = "api/reports/{agencyId}/{year}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string agencyId, string year) =>
        SharedHandler.RunAsync("Reports_Get", request, durable, ("agencyId", agencyId), ("year", year));

    [Function("Reports_SaveDraft")]
    public Task<IActionResult> ReportsSaveDraft(
        [HttpTrigger(Anonymous, "put", Route = "api/reports/{agencyId}/{year}/draft")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string agencyId, string year) =>
        SharedHandler.RunAsync("Reports_SaveDraft", request, durable, ("agencyId", agencyId), ("year", year));

    [Function("Reports_Submit")]
    public Task<IActionResult> ReportsSubmit(
        [HttpTrigger(Anonymous, "post", Route = "api/reports/{agencyId}/{year}/submit")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string agencyId, string year) =>
        SharedHandler.RunAsync("Reports_Submit", request, durable, ("agencyId", agencyId), ("year", year));

    [Function("Reports_Decide")]
    public Task<IActionResult> ReportsDecide(
        [HttpTrigger(Anonymous, "post", Route = "api/reports/{agencyId}/{year}/decisions")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string agencyId, string year) =>
        SharedHandler.RunAsync("Reports_Decide", request, durable, ("agencyId", agencyId), ("year", year));

    [Function("Reports_Preview")]
    public Task<IActionResult> ReportsPreview(
        [HttpTrigger(Anonymous, "get", Route = "api/reports/{agencyId}/{year}/preview")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string agencyId, string year) =>
        SharedHandler.RunAsync("Reports_Preview", request, durable, ("agencyId", agencyId), ("year", year));

    [Function("Reports_ExportDocx")]
    public Task<IActionResult> ReportsExportDocx(
        [HttpTrigger(Anonymous, "get", Route = "api/reports/{agencyId}/{year}/export.docx")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string agencyId, string year) =>
        SharedHandler.RunAsync("Reports_ExportDocx", request, durable, ("agencyId", agencyId), ("year", year));

    [Function("Reports_Publish")]
    public Task<IActionResult> ReportsPublish(
        [HttpTrigger(Anonymous, "post", Route = "api/reports/{agencyId}/{year}/publish")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string agencyId, string year) =>
        SharedHandler.RunAsync("Reports_Publish", request, durable, ("agencyId", agencyId), ("year", year));

    [Function("Overview_Json")]
    public Task<IActionResult> OverviewJson(
        [HttpTrigger(Anonymous, "get", Route = "api/admin/overview")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) => SharedHandler.RunAsync("Overview_Json", request, durable);

    [Function("Overview_Summary")]
    public Task<IActionResult> OverviewSummary(
        [HttpTrigger(Anonymous, "get", Route = "api/admin/summary")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) => SharedHandler.RunAsync("Overview_Summary", request, durable);

    [Function("Overview_Page")]
    public Task<IActionResult> OverviewPage(
        [HttpTrigger(Anonymous, "get", Route = "overview")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) => SharedHandler.RunAsync("Overview_Page", request, durable);

    [Function("Overview_Csv")]
    public Task<IActionResult> OverviewCsv(
        [HttpTrigger(Anonymous, "get", Route = "overview/export.csv")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) => SharedHandler.RunAsync("Overview_Csv", request, durable);

    [Function("Overview_Login")]
    public Task<IActionResult> OverviewLogin(
        [HttpTrigger(Anonymous, "post", Route = "overview/login")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) => SharedHandler.RunAsync("Overview_Login", request, durable);

    [Function("Overview_Logout")]
    public Task<IActionResult> OverviewLogout(
        [HttpTrigger(Anonymous, "post", Route = "overview/logout")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) => SharedHandler.RunAsync("Overview_Logout", request, durable);

    [Function("Review_Show")]
    public Task<IActionResult> ReviewShow(
        [HttpTrigger(Anonymous, "get", Route = "review/{token}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string token) =>
        SharedHandler.RunAsync("Review_Show", request, durable, ("token", token));

    [Function("Review_Head")]
    public Task<IActionResult> ReviewHead(
        [HttpTrigger(Anonymous, "head", Route = "review/{token}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string token) =>
        SharedHandler.RunAsync("Review_Head", request, durable, ("token", token));

    [Function("Review_Decide")]
    public Task<IActionResult> ReviewDecide(
        [HttpTrigger(Anonymous, "post", Route = "review/{token}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string token) =>
        SharedHandler.RunAsync("Review_Decide", request, durable, ("token", token));

    [Function("Dev_Mailbox")]
    public Task<IActionResult> DevMailbox(
        [HttpTrigger(Anonymous, "get", Route = "dev/mailbox")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) => SharedHandler.RunAsync("Dev_Mailbox", request, durable);

    [Function("Dev_PortalReceive")]
    public Task<IActionResult> DevPortalReceive(
        [HttpTrigger(Anonymous, "post", Route = "dev/portal/reports")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) => SharedHandler.RunAsync("Dev_PortalReceive", request, durable);

    [Function("Dev_Portal")]
    public Task<IActionResult> DevPortal(
        [HttpTrigger(Anonymous, "get", Route = "dev/portal")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) => SharedHandler.RunAsync("Dev_Portal", request, durable);

    [Function("Dev_PortalReport")]
    public Task<IActionResult> DevPortalReport(
        [HttpTrigger(Anonymous, "get", Route = "dev/portal/reports/{agencyId}/{year}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string agencyId, string year) =>
        SharedHandler.RunAsync("Dev_PortalReport", request, durable, ("agencyId", agencyId), ("year", year));

    [Function("Health_Ready")]
    public Task<IActionResult> HealthReady(
        [HttpTrigger(Anonymous, "get", Route = "healthz")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) => SharedHandler.RunAsync("Health_Ready", request, durable);
}
