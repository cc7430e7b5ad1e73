using System.Globalization;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Rendering;
using InfoDisclosure.Workflow.Access;
using InfoDisclosure.Workflow.Api;
using InfoDisclosure.Workflow.Drafts;
using InfoDisclosure.Workflow.Review;
using InfoDisclosure.Workflow.Storage;
using InfoDisclosure.Workflow.Web;
using InfoDisclosure.Workflow.Workspace.Views;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace InfoDisclosure.Workflow.Workspace;

/// <summary>
/// The drafters' workspace: server-rendered Chinese pages without script. Handlers only translate: reading is
/// <see cref="WorkspaceQueries"/>', saving <see cref="DraftService"/>'s, submitting <see cref="SubmissionService"/>'s,
/// importing the Reports importers' (<see cref="DraftImport"/>). After a successful POST the browser is sent on with
/// 303; a refused one shows the page again with the reason, in Chinese, naming the field, and nothing stored.
/// </summary>
public static class WorkspaceEndpoints
{
    /// <summary>GET /: the caller's reports when signed in (or holding the key), else the sign-in page.</summary>
    public static Task<IResult> HomeAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route) =>
        Task.FromResult<IResult>(new SeeOther(http.Caller() is not null ? WorkspacePaths.Reports : WorkspacePaths.SignIn));

    /// <summary>GET /reports[?year=YYYY]: 我的年报.</summary>
    public static async Task<IResult> ListAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var caller = WorkspaceAccess.Caller(http);
        int? year = int.TryParse(http.Request.Query["year"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var y) && ReportYear.IsValid(y) ? y : null;
        var data = await Queries(http).MyReportsAsync(caller, year, http.RequestAborted);
        return Page<ReportsPage>(http, StatusCodes.Status200OK, new Dictionary<string, object?>
        {
            [nameof(ReportsPage.Data)] = data,
        });
    }

    /// <summary>GET /reports/{agencyId}/{year}: the report's page.</summary>
    public static async Task<IResult> ShowAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var (caller, agencyId, year, refusal) = WorkspaceAccess.Report(http, route);
        if (refusal is not null) return refusal;
        return await ReportPageAsync(http, caller, agencyId, year, StatusCodes.Status200OK, null,
            http.Request.Query.ContainsKey("submitted") ? "已提交审核，第一级审核人已收到审核邮件。" : null);
    }

    /// <summary>POST /reports/{agencyId}/{year}/submit: submission for review; refused with the findings on the report's page.</summary>
    public static async Task<IResult> SubmitAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var (caller, agencyId, year, refusal) = WorkspaceAccess.Report(http, route);
        if (refusal is not null) return refusal;
        var outcome = await http.RequestServices.GetRequiredService<SubmissionService>().SubmitAsync(durable,
            new SubmissionInput(agencyId, year, WorkspaceAccess.Actor(caller), HttpInputs.AuditAddress(http)), http.RequestAborted);
        return outcome.Status switch
        {
            SubmissionStatus.Submitted => new SeeOther(WorkspacePaths.Report(agencyId, year) + "?submitted=1"),
            SubmissionStatus.HasErrors => await ReportPageAsync(http, caller, agencyId, year, StatusCodes.Status422UnprocessableEntity,
                $"未能提交：当前版本有 {outcome.Findings!.Count(f => f.Severity == Reports.Validation.Severity.Error)} 个错误，请修改后保存新版本再提交。", null),
            SubmissionStatus.NotADraft => await ReportPageAsync(http, caller, agencyId, year, StatusCodes.Status409Conflict,
                "未能提交：报告已不在起草阶段（已提交审核或已完成），无需再次提交。", null),
            SubmissionStatus.NoSuchReport => NoSuchReport(),
            SubmissionStatus.Changed => await ReportPageAsync(http, caller, agencyId, year, StatusCodes.Status409Conflict,
                "未能提交：报告刚刚被修改或提交，请查看最新状态后再试。", null),
            _ => await ReportPageAsync(http, caller, agencyId, year, StatusCodes.Status503ServiceUnavailable,
                "未能提交：系统暂时无法启动审核流程，报告未作改动，请稍后再试。", null),
        };
    }

    /// <summary>GET /reports/{agencyId}/{year}/edit: the editor on the current version, with its findings beside the fields.</summary>
    public static async Task<IResult> EditAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var (caller, agencyId, year, refusal) = WorkspaceAccess.Report(http, route);
        if (refusal is not null) return refusal;
        var (entry, report, notEditable) = await OpenDraftAsync(http, agencyId, year);
        if (notEditable is not null) return notEditable;
        var saved = int.TryParse(http.Request.Query["saved"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : (int?)null;
        return await EditorAsync(http, caller, entry!, report!, StatusCodes.Status200OK, null, null, null,
            saved is { } n ? (n == entry!.CurrentVersion ? $"已保存为第{n}版。" : null) : null);
    }

    /// <summary>POST /reports/{agencyId}/{year}/edit: a new version from the form, or the form again with what is wrong.</summary>
    public static async Task<IResult> SaveAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var (caller, agencyId, year, refusal) = WorkspaceAccess.Report(http, route);
        if (refusal is not null) return refusal;
        var (entry, current, notEditable) = await OpenDraftAsync(http, agencyId, year);
        if (notEditable is not null) return notEditable;
        if (!http.Request.HasFormContentType) return Pages.Message(StatusCodes.Status400BadRequest, "无法保存", "请在编辑页面上填写并提交表单。");
        var (form, formProblem) = await HttpInputs.ReadFormAsync(http);
        if (formProblem is not null) return Pages.Message(StatusCodes.Status400BadRequest, "无法保存", "表单不完整，未能读取，报告未作改动。请重新打开编辑页面。");
        var posted = form!.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);

        var baseVersion = int.TryParse(posted.GetValueOrDefault(ReportEditing.BaseVersionField), NumberStyles.None, CultureInfo.InvariantCulture, out var b) ? b : 0;
        var opened = baseVersion == entry!.CurrentVersion ? current! : await Documents(http).ReadReportAsync(agencyId, year, baseVersion, http.RequestAborted);
        if (opened is null)
        {
            return await EditorAsync(http, caller, entry, current!, StatusCodes.Status422UnprocessableEntity, posted, ReportEditing.BaseVersionField,
                "表单缺少所依据的版本号，未保存。请重新打开编辑页面。", null);
        }
        if (baseVersion != entry.CurrentVersion)
        {
            return await EditorAsync(http, caller, entry, current!, StatusCodes.Status409Conflict, posted, ReportEditing.BaseVersionField,
                $"您编辑的是第{baseVersion}版，期间已保存了第{entry.CurrentVersion}版，本次修改未保存。下面保留了您填写的内容；如确认以此为准，请再次保存。", null);
        }
        var applied = ReportEditing.Apply(opened, posted);
        if (applied.Report is null)
        {
            return await EditorAsync(http, caller, entry, current!, StatusCodes.Status422UnprocessableEntity, posted, applied.Field, applied.Error, null);
        }
        return await SaveDraftAsync(http, caller, agencyId, year, applied.Report);
    }

    /// <summary>GET /reports/{agencyId}/{year}/import: paste or upload.</summary>
    public static async Task<IResult> ImportFormAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var (_, agencyId, year, refusal) = WorkspaceAccess.Report(http, route);
        if (refusal is not null) return refusal;
        var (entry, _, notEditable) = await OpenDraftAsync(http, agencyId, year);
        if (notEditable is not null) return notEditable;
        return Import(http, StatusCodes.Status200OK, entry!, null, null, null);
    }

    /// <summary>POST /reports/{agencyId}/{year}/import (multipart): reads the import and shows it with its findings; saves nothing.</summary>
    public static async Task<IResult> ImportReadAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var (_, agencyId, year, refusal) = WorkspaceAccess.Report(http, route);
        if (refusal is not null) return refusal;
        var (entry, _, notEditable) = await OpenDraftAsync(http, agencyId, year);
        if (notEditable is not null) return notEditable;
        if (!http.Request.HasFormContentType) return Import(http, StatusCodes.Status400BadRequest, entry!, null, DraftImport.PasteField, "请在导入页面上粘贴或选择文件后提交。");
        var (form, formProblem) = await HttpInputs.ReadFormAsync(http);
        if (formProblem is not null) return Import(http, StatusCodes.Status400BadRequest, entry!, null, DraftImport.FileField, "上传未完成（文件过大或连接中断），请重试。");
        var file = form!.Files.GetFile(DraftImport.FileField);
        byte[]? bytes = null;
        if (file is { Length: > 0 })
        {
            if (file.Length > DraftImport.MaxFileBytes) return Import(http, StatusCodes.Status413PayloadTooLarge, entry!, null, DraftImport.FileField, "文件过大（最大 10 MB）。");
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, http.RequestAborted);
            bytes = buffer.ToArray();
        }
        var (preview, problem) = DraftImport.Read(form[DraftImport.PasteField].ToString(), file?.FileName, bytes);
        if (problem is not null) return Import(http, StatusCodes.Status422UnprocessableEntity, entry!, null, problem.Field, problem.Message);
        if (preview!.Report.Year != year)
        {
            return Import(http, StatusCodes.Status422UnprocessableEntity, entry!, null, DraftImport.FileField,
                $"导入的报告是{preview.Report.Year}年度的，而这份报告是{year}年度的，未导入。");
        }
        if (string.IsNullOrWhiteSpace(preview.Report.AgencyName)) preview.Report.AgencyName = entry!.AgencyName;
        var findings = preview.ImportFindings.Concat(await Queries(http).ValidateAsync(preview.Report, agencyId, year, http.RequestAborted)).ToList();
        return Import(http, StatusCodes.Status200OK, entry!, new ImportView(preview, WorkspaceQueries.Group(preview.Report, findings),
            ReportJson.Serialize(preview.Report, indented: false)), null, null);
    }

    /// <summary>POST /reports/{agencyId}/{year}/import/confirm: saves the previewed import as a new version.</summary>
    public static async Task<IResult> ImportConfirmAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var (caller, agencyId, year, refusal) = WorkspaceAccess.Report(http, route);
        if (refusal is not null) return refusal;
        var (entry, _, notEditable) = await OpenDraftAsync(http, agencyId, year);
        if (notEditable is not null) return notEditable;
        var (form, formProblem) = http.Request.HasFormContentType ? await HttpInputs.ReadFormAsync(http) : (null, null);
        AnnualReport? report = null;
        if (form is not null && formProblem is null)
        {
            try
            {
                report = ReportJson.Deserialize(form[ImportView.ReportField].ToString());
            }
            catch (System.Text.Json.JsonException)
            {
                report = null;
            }
        }
        if (report is null || report.Year != year)
        {
            return Import(http, StatusCodes.Status400BadRequest, entry!, null, DraftImport.PasteField, "确认的内容不完整，未保存。请重新导入。");
        }
        return await SaveDraftAsync(http, caller, agencyId, year, report);
    }

    /// <summary>GET /reports/{agencyId}/{year}/compare?from=m&amp;to=n: changed cells old → new and changed paragraphs.</summary>
    public static async Task<IResult> CompareAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var (_, agencyId, year, refusal) = WorkspaceAccess.Report(http, route);
        if (refusal is not null) return refusal;
        var from = QueryVersion(http, "from");
        var to = QueryVersion(http, "to");
        var comparison = await Queries(http).CompareAsync(agencyId, year, from, to, http.RequestAborted);
        if (comparison is null) return Pages.Message(StatusCodes.Status404NotFound, "无法比较", "找不到要比较的版本：报告或所选版本不存在。");
        return Page<ComparePage>(http, StatusCodes.Status200OK, new Dictionary<string, object?>
        {
            [nameof(ComparePage.Comparison)] = comparison,
        });
    }

    /// <summary>GET /reports/{agencyId}/{year}/preview[?version=n]: the report as it will be published.</summary>
    public static async Task<IResult> PreviewAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var (_, agencyId, year, refusal) = WorkspaceAccess.Report(http, route);
        if (refusal is not null) return refusal;
        var report = await ReadVersionAsync(http, agencyId, year);
        if (report is null) return Pages.Message(StatusCodes.Status404NotFound, "找不到版本", "这份报告还没有这个版本。");
        return Page<PreviewPage>(http, StatusCodes.Status200OK, new Dictionary<string, object?>
        {
            [nameof(PreviewPage.Report)] = report,
            [nameof(PreviewPage.AgencyId)] = agencyId,
        });
    }

    /// <summary>GET /reports/{agencyId}/{year}/export.docx[?version=n]: the paper copy.</summary>
    public static async Task<IResult> DocxAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var (_, agencyId, year, refusal) = WorkspaceAccess.Report(http, route);
        if (refusal is not null) return refusal;
        var report = await ReadVersionAsync(http, agencyId, year);
        if (report is null) return Pages.Message(StatusCodes.Status404NotFound, "找不到版本", "这份报告还没有这个版本。");
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.File(DocxRenderer.Render(report), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"{report.Title}.docx");
    }

    private static async Task<IResult> SaveDraftAsync(HttpContext http, Caller caller, string agencyId, int year, AnnualReport report)
    {
        var outcome = await http.RequestServices.GetRequiredService<DraftService>().SaveAsync(
            new DraftInput(agencyId, year, DraftFormat.Json, ReportJson.Serialize(report), WorkspaceAccess.Actor(caller), HttpInputs.AuditAddress(http)),
            http.RequestAborted);
        return outcome.Status switch
        {
            DraftStatus.Saved or DraftStatus.Unchanged => new SeeOther($"{WorkspacePaths.Edit(agencyId, year)}?saved={outcome.Version}#findings"),
            DraftStatus.NotEditable => NotEditable(agencyId, year),
            DraftStatus.NewerVersion => Pages.Message(StatusCodes.Status409Conflict, "未保存", "期间已保存了更新的版本，您的修改未成为当前版本。请重新打开编辑页面查看。"),
            _ => Pages.Message(StatusCodes.Status422UnprocessableEntity, "未保存", "报告内容无法保存：" + outcome.Detail),
        };
    }

    private static async Task<IResult> ReportPageAsync(HttpContext http, Caller caller, string agencyId, int year, int status, string? error, string? notice)
    {
        var data = await Queries(http).ReportAsync(agencyId, year, http.RequestAborted);
        if (data is null) return NoSuchReport();
        var waits = await Queries(http).WaitsForAsync(data.Entry, caller.Email, http.RequestAborted);
        return Page<ReportPage>(http, status, new Dictionary<string, object?>
        {
            [nameof(ReportPage.Data)] = data,
            [nameof(ReportPage.CanEdit)] = WorkspaceAccess.CanEdit(caller, agencyId) && data.Entry.Stage == ReportStages.Draft,
            [nameof(ReportPage.WaitsForMe)] = waits,
            [nameof(ReportPage.Error)] = error,
            [nameof(ReportPage.Notice)] = notice,
        });
    }

    private static async Task<IResult> EditorAsync(HttpContext http, Caller caller, ReportIndexEntry entry, AnnualReport report, int status,
        IReadOnlyDictionary<string, string>? posted, string? errorField, string? error, string? notice)
    {
        var findings = await Queries(http).ValidateAsync(report, entry.AgencyId, entry.Year, http.RequestAborted);
        var nonce = SiteAssets.NewNonce();
        return Page<EditorPage>(http, status, SiteAssets.PolicyWithScripts(nonce), new Dictionary<string, object?>
        {
            [nameof(EditorPage.ScriptNonce)] = nonce,
            [nameof(EditorPage.Entry)] = entry,
            [nameof(EditorPage.Report)] = report,
            [nameof(EditorPage.Findings)] = WorkspaceQueries.Group(report, findings),
            [nameof(EditorPage.Posted)] = posted,
            [nameof(EditorPage.ErrorField)] = errorField,
            [nameof(EditorPage.Error)] = error,
            [nameof(EditorPage.Notice)] = notice,
        });
    }

    private static IResult Import(HttpContext http, int status, ReportIndexEntry entry, ImportView? preview, string? errorField, string? error) =>
        Page<ImportPage>(http, status, new Dictionary<string, object?>
        {
            [nameof(ImportPage.Entry)] = entry,
            [nameof(ImportPage.Preview)] = preview,
            [nameof(ImportPage.ErrorField)] = errorField,
            [nameof(ImportPage.Error)] = error,
        });

    /// <summary>The report as a draft its drafter may change, with its current version; or why it cannot be changed now.</summary>
    private static async Task<(ReportIndexEntry? Entry, AnnualReport? Report, IResult? Refusal)> OpenDraftAsync(HttpContext http, string agencyId, int year)
    {
        var entry = await http.RequestServices.GetRequiredService<ReportIndex>().GetAsync(agencyId, year, http.RequestAborted);
        if (entry is null) return (null, null, NoSuchReport());
        if (entry.Stage != ReportStages.Draft) return (entry, null, NotEditable(agencyId, year));
        var report = await Documents(http).ReadReportAsync(agencyId, year, entry.CurrentVersion, http.RequestAborted);
        return report is null ? (entry, null, NoSuchReport()) : (entry, report, null);
    }

    private static async Task<AnnualReport?> ReadVersionAsync(HttpContext http, string agencyId, int year)
    {
        var entry = await http.RequestServices.GetRequiredService<ReportIndex>().GetAsync(agencyId, year, http.RequestAborted);
        if (entry is null) return null;
        var version = QueryVersion(http, "version") ?? entry.CurrentVersion;
        return version < 1 || version > entry.VersionCount ? null : await Documents(http).ReadReportAsync(agencyId, year, version, http.RequestAborted);
    }

    private static int? QueryVersion(HttpContext http, string name) =>
        int.TryParse(http.Request.Query[name].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= 1 ? v : null;

    private static IResult NotEditable(string agencyId, int year) => Pages.Message(StatusCodes.Status409Conflict, "不能修改",
        "这份报告已提交审核（或已完成），审核期间不能修改。被退回后即可再次修改。", $"报告页面：{WorkspacePaths.Report(agencyId, year)}");

    private static IResult NoSuchReport() => Pages.Message(StatusCodes.Status404NotFound, "找不到报告", "没有这份报告。请从“我的年报”打开。");

    /// <summary>A workspace page: every one shows who is signed in, with the sign-out form and its anti-forgery token.</summary>
    internal static IResult Page<TPage>(HttpContext http, int status, Dictionary<string, object?> parameters) where TPage : Microsoft.AspNetCore.Components.IComponent =>
        Page<TPage>(http, status, Pages.SitePolicy, parameters);

    internal static IResult Page<TPage>(HttpContext http, int status, string contentSecurityPolicy, Dictionary<string, object?> parameters)
        where TPage : Microsoft.AspNetCore.Components.IComponent
    {
        parameters["Caller"] = WorkspaceAccess.Caller(http);
        parameters["Token"] = FormToken.For(http);
        return Pages.Render<TPage>(status, parameters, contentSecurityPolicy);
    }

    private static WorkspaceQueries Queries(HttpContext http) => http.RequestServices.GetRequiredService<WorkspaceQueries>();

    private static ReportDocuments Documents(HttpContext http) => http.RequestServices.GetRequiredService<ReportDocuments>();
}

/// <summary>An import read and waiting for the drafter's confirmation: the report, its findings, and the report as the form carries it.</summary>
public sealed record ImportView(ImportPreview Preview, IReadOnlyList<FindingGroup> Findings, string ReportJson)
{
    public const string ReportField = "report";
}
