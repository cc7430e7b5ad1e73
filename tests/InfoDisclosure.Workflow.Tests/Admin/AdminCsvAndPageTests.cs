using InfoDisclosure.Workflow.Web;
using System.Text;
using InfoDisclosure.Workflow.Admin;
using InfoDisclosure.Workflow.Agencies;

namespace InfoDisclosure.Workflow.Tests.Admin;

public sealed class AdminCsvAndPageTests
{
    private static Overview Sample(string agencyName) => new(2026, "2027-02-02T10:00:00+08:00",
        [new StageCount("Draft", "起草中", 1), new StageCount("Published", "已发布", 1)],
        [
            new OverviewRow("evil", agencyName, "department", "Draft", "起草中", null, null, [new Person("张三\"<b>", "z@gov.example.cn")],
                "2027-01-31T23:59:59+08:00", "2027-01-31T23:59:59+08:00", -2, true, false, null, null, null),
            new OverviewRow("done", "已发布局", "department", "Published", "已发布", null, null, [],
                "2027-01-31T23:59:59+08:00", "2027-01-31T23:59:59+08:00", null, false, true, "javascript:alert(1)", "2027-02-01T00:00:00+08:00", null),
        ]);

    [Fact]
    public void The_CSV_opens_in_Excel_as_UTF_8_with_quoted_fields_numbers_as_numbers_and_no_formulas()
    {
        var bytes = AdminCsv.Render(Sample("=HYPERLINK(\"http://x\")"));

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("\"单位代码\",\"单位名称\",\"类型\",\"状态\"", lines[0]);
        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\")\"", lines[1]);
        Assert.Contains(",\"-2\",\"是\",\"否\",", lines[1]);
        Assert.Contains("\"张三\"\"<b> <z@gov.example.cn>\"", lines[1]);
    }

    [Fact]
    public async Task The_page_escapes_every_text_links_only_http_urls_and_needs_no_script()
    {
        var html = await PageRenderer.Standalone.RenderAsync<OverviewPage>(
            new Dictionary<string, object?> { [nameof(OverviewPage.Overview)] = Sample("<script>alert('x')</script>局") });

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;局", html);
        Assert.Contains("张三&quot;&lt;b&gt;", html);
        Assert.DoesNotContain("href=\"javascript:", html);
        Assert.Contains("name=\"viewport\"", html);
        Assert.Contains("已逾期 2 天", html);
        Assert.Contains("迟发布", html);
        Assert.Contains("<svg", html);
    }
}
