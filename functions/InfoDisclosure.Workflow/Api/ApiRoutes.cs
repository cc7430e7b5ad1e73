using InfoDisclosure.Workflow.Admin;
using InfoDisclosure.Workflow.Api;
using InfoDisclosure.Workflow.Hosting;
using InfoDisclosure.Workflow.People;
using InfoDisclosure.Workflow.Publishing;
using InfoDisclosure.Workflow.Review.Page;
using InfoDisclosure.Workflow.SignIn;
using InfoDisclosure.Workflow.Workspace;
using InfoDisclosure.Workflow.Workspace.Admin;
using Allow = InfoDisclosure.Workflow.Access.Access;

namespace InfoDisclosure.Workflow;

/// <summary>
/// Every production HTTP route, served by both hosts (the local host adds the development routes of the Dev library),
/// each with the access it requires (Access/Access.cs), enforced by the access gate before the handler runs. /api
/// routes also wait for the engine (503 with Retry-After until it has answered once), so both hosts behave the same.
/// </summary>
public static class ApiRoutes
{
    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        new("Agencies_Create", "POST", "api/agencies", Allow.Admin, AgencyEndpoints.CreateAsync),
        new("Agencies_List", "GET", "api/agencies", Allow.OfficeOrAdmin, AgencyEndpoints.ListAsync),
        new("Agencies_Get", "GET", "api/agencies/{agencyId}", Allow.ReadReport, AgencyEndpoints.GetAsync),
        new("Agencies_Update", "PUT", "api/agencies/{agencyId}", Allow.Admin, AgencyEndpoints.UpdateAsync),
        new("People_List", "GET", "api/people", Allow.Admin, PeopleEndpoints.ListAsync),
        new("People_Get", "GET", "api/people/{email}", Allow.Admin, PeopleEndpoints.GetAsync),
        new("People_Put", "PUT", "api/people/{email}", Allow.Admin, PeopleEndpoints.PutAsync),
        new("People_Delete", "DELETE", "api/people/{email}", Allow.Admin, PeopleEndpoints.DeleteAsync),
        new("Reports_Create", "POST", "api/reports", Allow.Admin, ReportEndpoints.CreateAsync),
        // Lists only the reports the caller may read.
        new("Reports_List", "GET", "api/reports", Allow.SignedIn, ReportEndpoints.ListAsync),
        new("Reports_Get", "GET", "api/reports/{agencyId}/{year}", Allow.ReadReport, ReportEndpoints.GetAsync),
        new("Reports_SaveDraft", "PUT", "api/reports/{agencyId}/{year}/draft", Allow.EditReport, ReportEndpoints.SaveDraftAsync),
        new("Reports_Submit", "POST", "api/reports/{agencyId}/{year}/submit", Allow.EditReport, ReportEndpoints.SubmitAsync),
        new("Reports_Decide", "POST", "api/reports/{agencyId}/{year}/decisions", Allow.Decide, ReportEndpoints.DecideAsync),
        new("Reports_Preview", "GET", "api/reports/{agencyId}/{year}/preview", Allow.ReadReport, ReportEndpoints.PreviewAsync),
        new("Reports_ExportDocx", "GET", "api/reports/{agencyId}/{year}/export.docx", Allow.ReadReport, ReportEndpoints.ExportDocxAsync),
        new("Reports_Publish", "POST", "api/reports/{agencyId}/{year}/publish", Allow.Admin, PublishEndpoints.RetryAsync),
        new("Reports_Resend", "POST", "api/reports/{agencyId}/{year}/resend", Allow.Admin, RecoveryEndpoints.ResendAsync),
        new("Reports_Recover", "POST", "api/reports/{agencyId}/{year}/recover", Allow.Admin, RecoveryEndpoints.RecoverAsync),
        new("Overview_Json", "GET", "api/admin/overview", Allow.OfficeOrAdmin, AdminEndpoints.OverviewAsync),
        new("Overview_Summary", "GET", "api/admin/summary", Allow.OfficeOrAdmin, AdminEndpoints.SummaryAsync),
        // The supervising office's page (not /admin: Azure Functions reserves routes starting with "admin").
        new("Overview_Page", "GET", "overview", Allow.OfficeOrAdmin, AdminEndpoints.PageAsync),
        new("Overview_Csv", "GET", "overview/export.csv", Allow.OfficeOrAdmin, AdminEndpoints.PageCsvAsync),
        // Passwordless sign-in (SignIn/): the form, the e-mailed one-time link (GET shows a button, POST signs in), sign-out.
        new("SignIn_Form", "GET", "sign-in", Allow.Public, SignInEndpoints.FormAsync),
        new("SignIn_Request", "POST", "sign-in", Allow.Public, SignInEndpoints.RequestAsync),
        new("SignIn_Link", "GET", "sign-in/{token}", Allow.Public, SignInEndpoints.LinkAsync),
        new("SignIn_Redeem", "POST", "sign-in/{token}", Allow.Public, SignInEndpoints.RedeemAsync),
        new("SignOut", "POST", "sign-out", Allow.SignedIn, SignInEndpoints.SignOutAsync),
        new("SignOut_Everywhere", "POST", "sign-out/everywhere", Allow.SignedIn, SignInEndpoints.SignOutEverywhereAsync),
        // The e-mailed review page: the link's token is the credential (its own form value guards the POST).
        new("Review_Show", "GET", "review/{token}", Allow.Credential, ReviewPageEndpoints.ShowAsync),
        new("Review_Head", "HEAD", "review/{token}", Allow.Credential, ReviewPageEndpoints.HeadAsync),
        new("Review_Decide", "POST", "review/{token}", Allow.Credential, ReviewPageEndpoints.DecideAsync),
        // The drafters' workspace: Chinese pages for a signed-in person.
        new("Workspace_Home", "GET", HomeTemplate, Allow.Public, WorkspaceEndpoints.HomeAsync),
        new("Workspace_Reports", "GET", "reports", Allow.SignedIn, WorkspaceEndpoints.ListAsync),
        new("Workspace_Report", "GET", "reports/{agencyId}/{year}", Allow.ReadReport, WorkspaceEndpoints.ShowAsync),
        new("Workspace_Submit", "POST", "reports/{agencyId}/{year}/submit", Allow.EditReport, WorkspaceEndpoints.SubmitAsync),
        new("Workspace_Edit", "GET", "reports/{agencyId}/{year}/edit", Allow.EditReport, WorkspaceEndpoints.EditAsync),
        new("Workspace_Save", "POST", "reports/{agencyId}/{year}/edit", Allow.EditReport, WorkspaceEndpoints.SaveAsync),
        new("Workspace_ImportForm", "GET", "reports/{agencyId}/{year}/import", Allow.EditReport, WorkspaceEndpoints.ImportFormAsync),
        new("Workspace_ImportRead", "POST", "reports/{agencyId}/{year}/import", Allow.EditReport, WorkspaceEndpoints.ImportReadAsync),
        new("Workspace_ImportConfirm", "POST", "reports/{agencyId}/{year}/import/confirm", Allow.EditReport, WorkspaceEndpoints.ImportConfirmAsync),
        // A signed-in reviewer decides from the workspace (the review page with the session instead of the e-mailed link).
        new("Workspace_Review", "GET", "reports/{agencyId}/{year}/review", Allow.Decide, WorkspaceReview.ShowAsync),
        new("Workspace_Decide", "POST", "reports/{agencyId}/{year}/review", Allow.Decide, WorkspaceReview.DecideAsync),
        new("Workspace_Compare", "GET", "reports/{agencyId}/{year}/compare", Allow.ReadReport, WorkspaceEndpoints.CompareAsync),
        new("Workspace_Preview", "GET", "reports/{agencyId}/{year}/preview", Allow.ReadReport, WorkspaceEndpoints.PreviewAsync),
        new("Workspace_Docx", "GET", "reports/{agencyId}/{year}/export.docx", Allow.ReadReport, WorkspaceEndpoints.DocxAsync),
        // The administrator's pages for agencies and their review chains (not /admin: Azure Functions reserves it).
        new("Manage_Agencies", "GET", "manage/agencies", Allow.Admin, AgencyAdminEndpoints.ListAsync),
        new("Manage_Agency", "GET", "manage/agencies/{agencyId}", Allow.Admin, AgencyAdminEndpoints.ShowAsync),
        new("Manage_AgencySave", "POST", "manage/agencies/{agencyId}", Allow.Admin, AgencyAdminEndpoints.SaveAsync),
        new("Manage_People", "GET", "manage/people", Allow.Admin, PeopleAdminEndpoints.ListAsync),
        new("Manage_PersonAdd", "POST", "manage/people", Allow.Admin, PeopleAdminEndpoints.AddAsync),
        new("Manage_Person", "GET", "manage/people/{email}", Allow.Admin, PeopleAdminEndpoints.ShowAsync),
        new("Manage_PersonSave", "POST", "manage/people/{email}", Allow.Admin, PeopleAdminEndpoints.SaveAsync),
        new("Manage_PersonRemove", "POST", "manage/people/{email}/remove", Allow.Admin, PeopleAdminEndpoints.RemoveAsync),
        // The one stylesheet of every page, and the editor's totals script (allowed by the editor's nonce).
        new("Assets_Stylesheet", "GET", "assets/site.css", Allow.Public, Web.SiteAssets.StylesheetAsync),
        new("Assets_Totals", "GET", "assets/totals.js", Allow.Public, Web.SiteAssets.TotalsScriptAsync),
        // Readiness for Azure's health check and scripts: storage, engine, SMTP; without the key.
        new("Health_Ready", "GET", "healthz", Allow.Public, HealthEndpoint.ReadyAsync),
        // Last: any other GET gets a Chinese 404 page (problem details under /api) instead of an empty answer.
        new("NotFound_Page", "GET", Web.NotFoundEndpoint.Template, Allow.Public, Web.NotFoundEndpoint.ShowAsync),
    ];

    /// <summary>
    /// The site's root. An optional parameter that must stay empty: Azure Functions gives an HTTP trigger with an empty
    /// route its function name instead, and this template means "/" to both hosts.
    /// </summary>
    public const string HomeTemplate = "{home:maxlength(0)?}";
}
