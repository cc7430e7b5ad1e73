using System.Text.RegularExpressions;
using FsCheck.Fluent;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Tests.Generators;

namespace InfoDisclosure.Reports.Tests.Import;

/// <summary>The generator promises reports the text and HTML layouts can carry; round-trip properties rely on it.</summary>
public class ReportGeneratorContractTests
{
    private static readonly Regex Marker = new(@"^\s*([（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|\d+[.、．])");

    [Fact]
    public void Generated_paragraphs_are_single_lines_that_do_not_start_with_a_marker()
    {
        foreach (var report in ReportGenerators.AnnualReportGen.Sample(300, 50))
        {
            var paragraphs = report.Opening.Paragraphs
                .Concat(report.Overview.Introduction).Concat(report.Overview.Parts.SelectMany(p => p.Paragraphs))
                .Concat(report.ProblemsAndImprovements.Problems.Paragraphs).Concat(report.ProblemsAndImprovements.Improvements.Paragraphs)
                .Concat(report.OtherMatters.Introduction).Concat(report.OtherMatters.Parts.SelectMany(p => p.Paragraphs));
            foreach (var p in paragraphs)
            {
                Assert.False(string.IsNullOrWhiteSpace(p));
                Assert.DoesNotContain('\n', p);
                Assert.DoesNotContain('\t', p);
                Assert.DoesNotMatch(Marker, p);
            }
            Assert.All(report.Overview.Parts.Concat(report.OtherMatters.Parts),
                part => Assert.True(!part.TitleOnOwnLine || part.Paragraphs.Count > 0));
        }
    }

    [Fact]
    public void Generated_reports_cover_the_single_row_form_and_text_cells()
    {
        var reports = ReportGenerators.AnnualReportGen.Sample(200, 50).ToList();
        Assert.Contains(reports, r => r.Applications!.OtherProcessing.SingleRow is not null);
        Assert.Contains(reports, r => r.Applications!.OtherProcessing.SingleRow is null);
        Assert.Contains(reports, r => ApplicationRows.Present(r.Applications!).Any(p => p.Counts.NaturalPerson.IsBlank));
        Assert.Contains(reports, r => ApplicationRows.Present(r.Applications!).Any(p => p.Counts.Total.Text == "/"));
        Assert.Contains(reports, r => r.OtherMatters.ProcessingFeeYuan is null);
        Assert.Contains(reports, r => r.OtherMatters.ProcessingFeeYuan > 0);
    }
}
