using InfoDisclosure.Workflow.Admin;
using InfoDisclosure.Workflow.Api;
using InfoDisclosure.Workflow.Hosting;
using InfoDisclosure.Workflow.Publishing;
using InfoDisclosure.Workflow.Review.Page;
using InfoDisclosure.Workflow.Workspace;

namespace InfoDisclosure.Workflow;

/// <summary>
/// Every production HTTP route, served by both hosts (the local host adds the development routes of the Dev library).
/// Each /api route is wrapped in the API-key check and, until the engine has answered once, in the readiness check
/// (503 with Retry-After), so both hosts behave the same.
/// </summary>
public static class ApiRoutes
{
    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        Api("Agencies_Create", "POST", "api/agencies", AgencyEndpoints.CreateAsync),
        Api("Agencies_List", "GET", "api/agencies", AgencyEndpoints.ListAsync),
        Api("Agencies_Get", "GET", "api/agencies/{agencyId}", AgencyEndpoints.GetAsync),
        Api("Agencies_Update", "PUT", "api/agencies/{agencyId}", AgencyEndpoints.UpdateAsync),
        Api("Reports_Create", "POST", "api/reports", ReportEndpoints.CreateAsync),
        Api("Reports_List", "GET", "api/reports", ReportEndpoints.ListAsync),
        Api("Reports_Get", "GET", "api/reports/{agencyId}/{year}", ReportEndpoints.GetAsync),
        Api("Reports_SaveDraft", "PUT", "api/reports/{agencyId}/{year}/draft", ReportEndpoints.SaveDraftAsync),
        Api("Reports_Submit", "POST", "api/reports/{agencyId}/{year}/submit", ReportEndpoints.SubmitAsync),
        Api("Reports_Decide", "POST", "api/reports/{agencyId}/{year}/decisions", ReportEndpoints.DecideAsync),
        Api("Reports_Preview", "GET", "api/reports/{agencyId}/{year}/preview", ReportEndpoints.PreviewAsync),
        Api("Reports_ExportDocx", "GET", "api/reports/{agencyId}/{year}/export.docx", ReportEndpoints.ExportDocxAsync),
        Api("Reports_Publish", "POST", "api/reports/{agencyId}/{year}/publish", PublishEndpoints.RetryAsync),
        Api("Overview_Json", "GET", "api/admin/overview", AdminEndpoints.OverviewAsync),
        Api("Overview_Summary", "GET", "api/admin/summary", AdminEndpoints.SummaryAsync),
        // The supervising office's page (not /admin: Azure Functions reserves routes starting with "admin"); the API key
        // header or the session cookie of its login form.
        new("Overview_Page", "GET", "overview", AdminEndpoints.PageAsync),
        new("Overview_Csv", "GET", "overview/export.csv", AdminEndpoints.PageCsvAsync),
        new("Overview_Login", "POST", "overview/login", AdminEndpoints.LoginAsync),
        new("Overview_Logout", "POST", "overview/logout", AdminEndpoints.LogoutAsync),
        // The e-mailed review page: outside /api and without the key, the link's token is the credential.
        new("Review_Show", "GET", "review/{token}", ReviewPageEndpoints.ShowAsync),
        new("Review_Head", "HEAD", "review/{token}", ReviewPageEndpoints.HeadAsync),
        new("Review_Decide", "POST", "review/{token}", ReviewPageEndpoints.DecideAsync),
        // The drafters' workspace: pages for a signed-in person (WorkspaceAccess decides who may read and write).
        new("Workspace_Home", "GET", HomeTemplate, WorkspaceEndpoints.HomeAsync),
        new("Workspace_Reports", "GET", "reports", WorkspaceEndpoints.ListAsync),
        new("Workspace_Report", "GET", "reports/{agencyId}/{year}", WorkspaceEndpoints.ShowAsync),
        new("Workspace_Submit", "POST", "reports/{agencyId}/{year}/submit", WorkspaceEndpoints.SubmitAsync),
        new("Workspace_Edit", "GET", "reports/{agencyId}/{year}/edit", WorkspaceEndpoints.EditAsync),
        new("Workspace_Save", "POST", "reports/{agencyId}/{year}/edit", WorkspaceEndpoints.SaveAsync),
        new("Workspace_ImportForm", "GET", "reports/{agencyId}/{year}/import", WorkspaceEndpoints.ImportFormAsync),
        new("Workspace_ImportRead", "POST", "reports/{agencyId}/{year}/import", WorkspaceEndpoints.ImportReadAsync),
        new("Workspace_ImportConfirm", "POST", "reports/{agencyId}/{year}/import/confirm", WorkspaceEndpoints.ImportConfirmAsync),
        new("Workspace_Compare", "GET", "reports/{agencyId}/{year}/compare", WorkspaceEndpoints.CompareAsync),
        new("Workspace_Preview", "GET", "reports/{agencyId}/{year}/preview", WorkspaceEndpoints.PreviewAsync),
        new("Workspace_Docx", "GET", "reports/{agencyId}/{year}/export.docx", WorkspaceEndpoints.DocxAsync),
        // The administrator's pages for agencies and their review chains (not /admin: Azure Functions reserves it).
        new("Manage_Agencies", "GET", "manage/agencies", Workspace.Admin.AgencyAdminEndpoints.ListAsync),
        new("Manage_Agency", "GET", "manage/agencies/{agencyId}", Workspace.Admin.AgencyAdminEndpoints.ShowAsync),
        new("Manage_AgencySave", "POST", "manage/agencies/{agencyId}", Workspace.Admin.AgencyAdminEndpoints.SaveAsync),
        // The one stylesheet of every page.
        new("Assets_Stylesheet", "GET", "assets/site.css", Web.SiteAssets.StylesheetAsync),
        // Readiness for Azure's health check and scripts: storage, engine, SMTP; without the key.
        new("Health_Ready", "GET", "healthz", HealthEndpoint.ReadyAsync),
    ];

    /// <summary>
    /// The site's root. An optional parameter that must stay empty: Azure Functions gives an HTTP trigger with an empty
    /// route its function name instead, and this template means "/" to both hosts.
    /// </summary>
    public const string HomeTemplate = "{home:maxlength(0)?}";

    private static ApiRoute Api(string name, string method, string template, ApiHandler handler) =>
        new(name, method, template, ApiKeyCheck.Require(EngineReadiness.Require(handler)));
}
