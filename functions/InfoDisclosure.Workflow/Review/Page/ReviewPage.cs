using System.Text;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Validation;
using static System.Net.WebUtility;

namespace InfoDisclosure.Workflow.Review.Page;

/// <summary>What the reviewer posted; kept to show the form again when something is missing.</summary>
public sealed record ReviewForm(string? Decision, bool ReviewConfirmed, bool ProofreadConfirmed, string? Comment);

/// <summary>
/// Everything the review page shows. <see cref="LinkExpiresAt"/> and <see cref="FormValue"/> belong to an e-mailed
/// link; a signed-in reviewer's page has neither (its form carries the anti-forgery token instead).
/// </summary>
public sealed record ReviewPageModel(
    AnnualReport Report,
    int Level,
    string LevelName,
    int LevelCount,
    int Round,
    string ReviewerName,
    string ReviewerEmail,
    int VersionNumber,
    string VersionSha256,
    DateTimeOffset? LevelDueAt,
    DateTimeOffset? Deadline,
    DateTimeOffset? LinkExpiresAt,
    IReadOnlyList<Finding> Findings,
    ReportChanges? Changes,
    string FormValue,
    string? Error = null,
    ReviewForm? Posted = null);

/// <summary>
/// The review page (ReviewPage.razor): a plain HTML form, no script, the site's one stylesheet, readable at 375 px and
/// printable (the form and the notes are left off paper). The field names are what the POST handler reads.
/// </summary>
public partial class ReviewPage
{
    public const string FormField = "form";
    public const string DecisionField = "decision";
    public const string ReviewField = "reviewConfirmed";
    public const string ProofreadField = "proofreadConfirmed";
    public const string CommentField = "comment";

    /// <summary>The level, round and version a signed-in reviewer's page was opened on, so a decision on a page left open is not taken for a later one.</summary>
    public const string LevelField = "level";
    public const string RoundField = "round";
    public const string VersionField = "versionSha256";

    /// <summary>What is missing from a posted decision, in the reviewer's words; null when it can be recorded.</summary>
    public static string? Invalid(ReviewForm form) => form.Decision switch
    {
        Decisions.Approve when !form.ReviewConfirmed || !form.ProofreadConfirmed => "审核通过须同时勾选【审】和【校】两项确认。",
        Decisions.Reject when string.IsNullOrWhiteSpace(form.Comment) => "退回修改须填写意见，告诉起草人需要修改什么。",
        Decisions.Approve or Decisions.Reject when form.Comment is { Length: > ReviewDecisionService.MaxCommentLength } =>
            $"意见最多 {ReviewDecisionService.MaxCommentLength} 字。",
        Decisions.Approve or Decisions.Reject => null,
        _ => "请选择“审核通过”或“退回修改”。",
    };

    /// <summary>The decision fields of a posted review form.</summary>
    public static ReviewForm Read(Microsoft.AspNetCore.Http.IFormCollection form) => new(
        form[DecisionField].ToString(),
        form[ReviewField].ToString() == "on",
        form[ProofreadField].ToString() == "on",
        form[CommentField].ToString());

    /// <summary>Marks the changed figures (their data-where cells) and the changed paragraphs in the rendered report.</summary>
    public static string HighlightChanges(string fragment, ReportChanges changes)
    {
        var result = new StringBuilder(fragment);
        foreach (var cell in changes.Cells)
        {
            var before = string.IsNullOrEmpty(cell.Old) ? "（空白）" : cell.Old;
            result.Replace($"<td data-where=\"{HtmlEncode(cell.Where)}\">",
                $"<td data-where=\"{HtmlEncode(cell.Where)}\" class=\"changed\" title=\"{HtmlEncode("原为：" + before)}\">");
        }
        foreach (var paragraph in changes.Paragraphs)
        {
            if (string.IsNullOrEmpty(paragraph.New)) continue;
            var encoded = HtmlEncode(paragraph.New);
            result.Replace(encoded + "</p>", "<mark class=\"changed\">" + encoded + "</mark></p>");
        }
        return result.ToString();
    }

    internal static string Blank(string value) => string.IsNullOrEmpty(value) ? "（空白）" : value;
}
