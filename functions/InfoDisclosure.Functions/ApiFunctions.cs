using InfoDisclosure.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace InfoDisclosure.Functions;

/// <summary>
/// One HTTP trigger per production route (<see cref="ApiRoutes.All"/>), same name, method and template. The function's
/// name is its only link to the handler: <see cref="SharedHandler"/> runs the route of that name, with the route values
/// the Functions host bound. Anonymous at the Functions level: the shared handlers check the x-functions-key themselves,
/// so both hosts refuse and accept exactly the same calls. host.json's routePrefix is "" because the templates carry
/// "api/". Tests compare these attributes and the generated functions.metadata with ApiRoutes.All.
/// </summary>
public sealed class ApiFunctions
{
    private const AuthorizationLevel Anonymous = AuthorizationLevel.Anonymous;

    [Function("Agencies_Create")]
    public Task<IActionResult> AgenciesCreate(
        [HttpTrigger(Anonymous, "post", Route = "api/agencies")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Agencies_List")]
    public Task<IActionResult> AgenciesList(
        [HttpTrigger(Anonymous, "get", Route = "api/agencies")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Agencies_Get")]
    public Task<IActionResult> AgenciesGet(
        [HttpTrigger(Anonymous, "get", Route = "api/agencies/{agencyId}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Agencies_Update")]
    public Task<IActionResult> AgenciesUpdate(
        [HttpTrigger(Anonymous, "put", Route = "api/agencies/{agencyId}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("People_List")]
    public Task<IActionResult> PeopleList(
        [HttpTrigger(Anonymous, "get", Route = "api/people")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("People_Get")]
    public Task<IActionResult> PeopleGet(
        [HttpTrigger(Anonymous, "get", Route = "api/people/{email}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("People_Put")]
    public Task<IActionResult> PeoplePut(
        [HttpTrigger(Anonymous, "put", Route = "api/people/{email}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("People_Delete")]
    public Task<IActionResult> PeopleDelete(
        [HttpTrigger(Anonymous, "delete", Route = "api/people/{email}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Reports_Create")]
    public Task<IActionResult> ReportsCreate(
        [HttpTrigger(Anonymous, "post", Route = "api/reports")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Reports_List")]
    public Task<IActionResult> ReportsList(
        [HttpTrigger(Anonymous, "get", Route = "api/reports")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Reports_Get")]
    public Task<IActionResult> ReportsGet(
        [HttpTrigger(Anonymous, "get", Route = "api/reports/{agencyId}/{year}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Reports_SaveDraft")]
    public Task<IActionResult> ReportsSaveDraft(
        [HttpTrigger(Anonymous, "put", Route = "api/reports/{agencyId}/{year}/draft")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Reports_Submit")]
    public Task<IActionResult> ReportsSubmit(
        [HttpTrigger(Anonymous, "post", Route = "api/reports/{agencyId}/{year}/submit")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Reports_Decide")]
    public Task<IActionResult> ReportsDecide(
        [HttpTrigger(Anonymous, "post", Route = "api/reports/{agencyId}/{year}/decisions")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Reports_Preview")]
    public Task<IActionResult> ReportsPreview(
        [HttpTrigger(Anonymous, "get", Route = "api/reports/{agencyId}/{year}/preview")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Reports_ExportDocx")]
    public Task<IActionResult> ReportsExportDocx(
        [HttpTrigger(Anonymous, "get", Route = "api/reports/{agencyId}/{year}/export.docx")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Reports_Publish")]
    public Task<IActionResult> ReportsPublish(
        [HttpTrigger(Anonymous, "post", Route = "api/reports/{agencyId}/{year}/publish")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Reports_Resend")]
    public Task<IActionResult> ReportsResend(
        [HttpTrigger(Anonymous, "post", Route = "api/reports/{agencyId}/{year}/resend")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Reports_Recover")]
    public Task<IActionResult> ReportsRecover(
        [HttpTrigger(Anonymous, "post", Route = "api/reports/{agencyId}/{year}/recover")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Overview_Json")]
    public Task<IActionResult> OverviewJson(
        [HttpTrigger(Anonymous, "get", Route = "api/admin/overview")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Overview_Summary")]
    public Task<IActionResult> OverviewSummary(
        [HttpTrigger(Anonymous, "get", Route = "api/admin/summary")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Overview_Page")]
    public Task<IActionResult> OverviewPage(
        [HttpTrigger(Anonymous, "get", Route = "overview")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Overview_Csv")]
    public Task<IActionResult> OverviewCsv(
        [HttpTrigger(Anonymous, "get", Route = "overview/export.csv")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("SignIn_Form")]
    public Task<IActionResult> SignInForm(
        [HttpTrigger(Anonymous, "get", Route = "sign-in")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("SignIn_Request")]
    public Task<IActionResult> SignInRequest(
        [HttpTrigger(Anonymous, "post", Route = "sign-in")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("SignIn_Link")]
    public Task<IActionResult> SignInLink(
        [HttpTrigger(Anonymous, "get", Route = "sign-in/{token}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("SignIn_Redeem")]
    public Task<IActionResult> SignInRedeem(
        [HttpTrigger(Anonymous, "post", Route = "sign-in/{token}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("SignOut")]
    public Task<IActionResult> SignOut(
        [HttpTrigger(Anonymous, "post", Route = "sign-out")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("SignOut_Everywhere")]
    public Task<IActionResult> SignOutEverywhere(
        [HttpTrigger(Anonymous, "post", Route = "sign-out/everywhere")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Review_Show")]
    public Task<IActionResult> ReviewShow(
        [HttpTrigger(Anonymous, "get", Route = "review/{token}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Review_Head")]
    public Task<IActionResult> ReviewHead(
        [HttpTrigger(Anonymous, "head", Route = "review/{token}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Review_Decide")]
    public Task<IActionResult> ReviewDecide(
        [HttpTrigger(Anonymous, "post", Route = "review/{token}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Health_Ready")]
    public Task<IActionResult> HealthReady(
        [HttpTrigger(Anonymous, "get", Route = "healthz")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Workspace_Home")]
    public Task<IActionResult> WorkspaceHome(
        [HttpTrigger(Anonymous, "get", Route = "{home:maxlength(0)?}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Workspace_Reports")]
    public Task<IActionResult> WorkspaceReports(
        [HttpTrigger(Anonymous, "get", Route = "reports")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Workspace_Report")]
    public Task<IActionResult> WorkspaceReport(
        [HttpTrigger(Anonymous, "get", Route = "reports/{agencyId}/{year}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Workspace_Submit")]
    public Task<IActionResult> WorkspaceSubmit(
        [HttpTrigger(Anonymous, "post", Route = "reports/{agencyId}/{year}/submit")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Workspace_Edit")]
    public Task<IActionResult> WorkspaceEdit(
        [HttpTrigger(Anonymous, "get", Route = "reports/{agencyId}/{year}/edit")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Workspace_Save")]
    public Task<IActionResult> WorkspaceSave(
        [HttpTrigger(Anonymous, "post", Route = "reports/{agencyId}/{year}/edit")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Workspace_ImportForm")]
    public Task<IActionResult> WorkspaceImportForm(
        [HttpTrigger(Anonymous, "get", Route = "reports/{agencyId}/{year}/import")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Workspace_ImportRead")]
    public Task<IActionResult> WorkspaceImportRead(
        [HttpTrigger(Anonymous, "post", Route = "reports/{agencyId}/{year}/import")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Workspace_ImportConfirm")]
    public Task<IActionResult> WorkspaceImportConfirm(
        [HttpTrigger(Anonymous, "post", Route = "reports/{agencyId}/{year}/import/confirm")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Workspace_Compare")]
    public Task<IActionResult> WorkspaceCompare(
        [HttpTrigger(Anonymous, "get", Route = "reports/{agencyId}/{year}/compare")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Workspace_Preview")]
    public Task<IActionResult> WorkspacePreview(
        [HttpTrigger(Anonymous, "get", Route = "reports/{agencyId}/{year}/preview")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Workspace_Docx")]
    public Task<IActionResult> WorkspaceDocx(
        [HttpTrigger(Anonymous, "get", Route = "reports/{agencyId}/{year}/export.docx")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Manage_Agencies")]
    public Task<IActionResult> ManageAgencies(
        [HttpTrigger(Anonymous, "get", Route = "manage/agencies")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Manage_Agency")]
    public Task<IActionResult> ManageAgency(
        [HttpTrigger(Anonymous, "get", Route = "manage/agencies/{agencyId}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Manage_AgencySave")]
    public Task<IActionResult> ManageAgencySave(
        [HttpTrigger(Anonymous, "post", Route = "manage/agencies/{agencyId}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Assets_Stylesheet")]
    public Task<IActionResult> AssetsStylesheet(
        [HttpTrigger(Anonymous, "get", Route = "assets/site.css")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Workspace_Review")]
    public Task<IActionResult> WorkspaceReview(
        [HttpTrigger(Anonymous, "get", Route = "reports/{agencyId}/{year}/review")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Workspace_Decide")]
    public Task<IActionResult> WorkspaceDecide(
        [HttpTrigger(Anonymous, "post", Route = "reports/{agencyId}/{year}/review")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Manage_People")]
    public Task<IActionResult> ManagePeople(
        [HttpTrigger(Anonymous, "get", Route = "manage/people")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Manage_PersonAdd")]
    public Task<IActionResult> ManagePersonAdd(
        [HttpTrigger(Anonymous, "post", Route = "manage/people")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Manage_Person")]
    public Task<IActionResult> ManagePerson(
        [HttpTrigger(Anonymous, "get", Route = "manage/people/{email}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Manage_PersonSave")]
    public Task<IActionResult> ManagePersonSave(
        [HttpTrigger(Anonymous, "post", Route = "manage/people/{email}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Manage_PersonRemove")]
    public Task<IActionResult> ManagePersonRemove(
        [HttpTrigger(Anonymous, "post", Route = "manage/people/{email}/remove")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("Assets_Totals")]
    public Task<IActionResult> AssetsTotals(
        [HttpTrigger(Anonymous, "get", Route = "assets/totals.js")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);

    [Function("NotFound_Page")]
    public Task<IActionResult> NotFoundPage(
        [HttpTrigger(Anonymous, "get", Route = "{*path}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => SharedHandler.RunAsync(context, request, durable);
}
