using System.Text;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Validation;
using static System.Net.WebUtility;

namespace InfoDisclosure.Workflow.Review.Page;

/// <summary>What the reviewer posted; kept to show the form again when something is missing.</summary>
public sealed record ReviewForm(string? Decision, bool ReviewConfirmed, bool ProofreadConfirmed, string? Comment);

/// <summary>Everything the review page shows.</summary>
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
    DateTimeOffset LinkExpiresAt,
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
