using System.Text.RegularExpressions;

namespace InfoDisclosure.Reports.Model;

/// <summary>
/// A new year's report to draft: the 2021 format with every table present and every cell blank (blank, not 0: the
/// author must enter each figure). From last year's report it takes what the format implies and what rarely changes.
/// </summary>
public static partial class NewReport
{
    /// <summary>
    /// Put at the start of each paragraph copied from last year. Validation warns (TEXT.UNREVISED) while one remains,
    /// and a reader of a draft sees at once which text is not this year's.
    /// </summary>
    public const string UnrevisedMarker = "【待修订】";

    /// <summary>
    /// A blank report for the year. With last year's report: 二、上年结转 per column = last year's 四、结转下年度继续办理;
    /// 现行有效件数 of 规章 and 行政规范性文件 carried (this year's 制发/废止 left blank); the opening and contact details
    /// carried with last year's year numbers moved on; the narrative of sections 一, 五 and 六 copied, each paragraph
    /// marked <see cref="UnrevisedMarker"/>.
    /// </summary>
    public static AnnualReport Create(string agencyName, int year, AnnualReport? previous = null)
    {
        var report = new AnnualReport
        {
            FormatVersion = ReportFormats.Format2021,
            AgencyName = agencyName,
            Year = year,
            ProactiveDisclosure = new ProactiveDisclosure(),
            Applications = new ApplicationTable(),
            ReviewAndLitigation = new ReviewAndLitigation(),
        };
        if (previous is not null) CarryFrom(previous, report);
        return report;
    }

    private static void CarryFrom(AnnualReport previous, AnnualReport report)
    {
        if (previous.Applications is { } lastTable && ApplicationRows.CarriedForward.Get(lastTable) is { } forwarded)
        {
            var carried = report.Applications!.CarriedOverFromLastYear;
            foreach (var column in ApplicantCounts.Columns)
            {
                // Only a real count carries: a blank or "/" last year is something to fill in, not to repeat.
                if (forwarded[column].IsCount) carried[column] = forwarded[column];
            }
        }

        // The trial format's section 二 counts other things (对外公开总数量), so only a 2021-format 现行有效件数 carries.
        if (previous.FormatVersion == ReportFormats.Format2021 && previous.ProactiveDisclosure is { } lastProactive)
        {
            var proactive = report.ProactiveDisclosure!;
            if (lastProactive.Rules.InForce.IsCount) proactive.Rules.InForce = lastProactive.Rules.InForce;
            if (lastProactive.NormativeDocuments.InForce.IsCount) proactive.NormativeDocuments.InForce = lastProactive.NormativeDocuments.InForce;
        }

        report.Opening = new Opening
        {
            Paragraphs = previous.Opening.Paragraphs.Select(p => MoveYear(p, previous.Year, report.Year)).ToList(),
            Contact = new Contact
            {
                Address = previous.Opening.Contact.Address,
                Postcode = previous.Opening.Contact.Postcode,
                Phone = previous.Opening.Contact.Phone,
                Fax = previous.Opening.Contact.Fax,
                Email = previous.Opening.Contact.Email,
                PortalUrl = previous.Opening.Contact.PortalUrl,
            },
        };

        var overview = previous.Overview;
        report.Overview = new Overview
        {
            Heading = overview.Heading,
            Introduction = Marked(overview.Introduction),
            ProactiveDisclosure = Copy(overview.ProactiveDisclosure),
            DisclosureOnRequest = Copy(overview.DisclosureOnRequest),
            InformationManagement = Copy(overview.InformationManagement),
            PlatformBuilding = Copy(overview.PlatformBuilding),
            SupervisionAndSafeguards = Copy(overview.SupervisionAndSafeguards),
        };

        var problems = previous.ProblemsAndImprovements;
        report.ProblemsAndImprovements = new ProblemsAndImprovements
        {
            Heading = problems.Heading,
            Introduction = Marked(problems.Introduction),
            Problems = Copy(problems.Problems),
            Improvements = Copy(problems.Improvements),
        };

        var other = previous.OtherMatters;
        report.OtherMatters = new OtherMatters
        {
            Heading = other.Heading,
            Introduction = Marked(other.Introduction),
            Parts = other.Parts.Select(Copy).ToList(),
            // The fee is this year's figure: left for the author to state.
            ProcessingFeeYuan = null,
        };
    }

    /// <summary>
    /// The opening is boilerplate whose only yearly change is the statistics period ("自2023年1月1日起至2023年12月31日止"),
    /// so last year's year is moved on rather than the paragraph marked.
    /// </summary>
    private static string MoveYear(string paragraph, int from, int to) =>
        YearNumber().Replace(paragraph, m => m.Value == from.ToString(System.Globalization.CultureInfo.InvariantCulture)
            ? to.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : m.Value);

    private static NarrativePart Copy(NarrativePart part) => new()
    {
        Title = part.Title,
        TitleOnOwnLine = part.TitleOnOwnLine,
        Paragraphs = Marked(part.Paragraphs),
    };

    private static List<string> Marked(IEnumerable<string> paragraphs) =>
        paragraphs.Where(p => !string.IsNullOrWhiteSpace(p))
            .Select(p => p.StartsWith(UnrevisedMarker, StringComparison.Ordinal) ? p : UnrevisedMarker + p)
            .ToList();

    [GeneratedRegex(@"(?<!\d)\d{4}(?=\s*年)")]
    private static partial Regex YearNumber();
}
