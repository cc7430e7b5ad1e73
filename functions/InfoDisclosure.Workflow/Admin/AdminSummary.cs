using InfoDisclosure.Reports.Model;
using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Storage;

namespace InfoDisclosure.Workflow.Admin;

/// <summary>An agency in or out of the summary.</summary>
public sealed record SummaryAgency(string AgencyId, string AgencyName, string Stage, int? Version);

/// <summary>A summed figure and the reports that left it blank or wrote text ("/", "无") instead of a number.</summary>
public sealed record SummedCell(string Where, decimal Value, int Reports, IReadOnlyList<string> MissingIn);

/// <summary>
/// The statistics of all published department reports of a year summed cell by cell into the format's tables
/// (sections 二, 三, 四): the figures the government's own report is compiled from. <see cref="Report"/> holds the
/// sums in the report model (its JSON is the format's tables); <see cref="Cells"/> says, per cell, which reports had no
/// number there. A blank or text cell is treated as missing, not as 0: the sum is of the numbers that were given.
/// </summary>
public sealed record Summary(
    int Year,
    string GeneratedAt,
    IReadOnlyList<SummaryAgency> Included,
    IReadOnlyList<SummaryAgency> Missing,
    AnnualReport Report,
    IReadOnlyList<SummedCell> Cells,
    IReadOnlyList<string> Notes);

public sealed class AdminSummary(AgencyStore agencies, ReportIndex index, ReportDocuments documents, TimeProvider time)
{
    public async Task<Summary> BuildAsync(int year, CancellationToken ct)
    {
        var departments = (await agencies.ListAsync(ct)).Where(a => a.Kind == AgencyKinds.Department).OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
        var entries = (await index.ListAsync(year, ct)).ToDictionary(e => e.AgencyId);
        var included = new List<(SummaryAgency Agency, AnnualReport Report)>();
        var missing = new List<SummaryAgency>();
        foreach (var agency in departments)
        {
            entries.TryGetValue(agency.Id, out var entry);
            var version = entry?.SubmittedVersion;
            if (entry is not { Stage: ReportStages.Published } || version is null)
            {
                missing.Add(new SummaryAgency(agency.Id, agency.Name, entry?.Stage ?? AdminOverview.NotCreated, null));
                continue;
            }
            var report = await documents.ReadReportAsync(agency.Id, year, version.Value, ct)
                ?? throw new InvalidOperationException($"The published version {version} of {agency.Id}/{year} is missing.");
            included.Add((new SummaryAgency(agency.Id, agency.Name, entry.Stage, version), report));
        }

        var (sum, cells, notes) = Sum(year, included);
        return new Summary(year, Notifications.BeijingTime.Iso(time.GetUtcNow()), included.Select(i => i.Agency).ToList(), missing, sum, cells, notes);
    }

    /// <summary>Sums the tables of the given reports into a blank 2021-format report of the year.</summary>
    public static (AnnualReport Sum, IReadOnlyList<SummedCell> Cells, IReadOnlyList<string> Notes) Sum(
        int year, IReadOnlyList<(SummaryAgency Agency, AnnualReport Report)> reports)
    {
        var sum = NewReport.Create("汇总", year);
        var cells = new List<SummedCell>();
        var notes = new List<string> { "空白或文字（如“/”“无”）的单元格按缺失处理，不计为 0；missingIn 列出缺失该数字的单位。" };

        void Add(string where, Func<AnnualReport, Cell?> get, Action<Cell> set)
        {
            decimal total = 0;
            var counted = 0;
            var missingIn = new List<string>();
            foreach (var (agency, report) in reports)
            {
                if (get(report) is { IsNumber: true } cell)
                {
                    total += cell.Number;
                    counted++;
                }
                else
                {
                    missingIn.Add(agency.AgencyId);
                }
            }
            set(counted > 0 ? Cell.Of(total) : Cell.Blank);
            cells.Add(new SummedCell(where, total, counted, missingIn));
        }

        foreach (var layout in ReportCells.ProactiveCells)
        {
            Add(layout.Where, r => r.ProactiveDisclosure is { } p ? layout.Get(p) : null, c => layout.Set(sum.ProactiveDisclosure!, c));
        }
        foreach (var row in ApplicationRows.All.Where(r => r != ApplicationRows.OtherProcessingSingleRow))
        {
            foreach (var column in ApplicantCounts.Columns)
            {
                var target = row.Get(sum.Applications!)!;
                Add(ReportCells.ApplicationWhere(row, column), r => r.Applications is { } a && row.Get(a) is { } counts ? counts[column] : null,
                    c => target[column] = c);
            }
        }
        foreach (var group in ReportCells.ReviewGroups)
        {
            foreach (var outcome in ReportCells.Outcomes)
            {
                Add(ReportCells.ReviewWhere(group, outcome), r => r.ReviewAndLitigation is { } rl ? outcome.Get(group.Get(rl)) : null,
                    c => outcome.Set(group.Get(sum.ReviewAndLitigation!), c));
            }
        }

        var singleRow = reports.Where(r => r.Report.Applications?.OtherProcessing.SingleRow is not null).Select(r => r.Agency.AgencyId).ToList();
        if (singleRow.Count > 0)
        {
            notes.Add($"以下单位的“（六）其他处理”只有一行、未分 1–3 项，其数字计入“（七）总计”，但未计入（六）的各分项：{string.Join("、", singleRow)}。");
        }
        var legacy = reports.Where(r => r.Report.FormatVersion != ReportFormats.Format2021).Select(r => r.Agency.AgencyId).ToList();
        if (legacy.Count > 0)
        {
            notes.Add($"以下单位的报告为 2019 年试行格式，其第二部分的表格栏目不同，未计入第二部分的汇总：{string.Join("、", legacy)}。");
        }
        return (sum, cells, notes);
    }
}
