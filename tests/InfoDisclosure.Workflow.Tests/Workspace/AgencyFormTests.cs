using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Workspace.Admin;

namespace InfoDisclosure.Workflow.Tests.Workspace;

/// <summary>The administrator's agency form: reviewers one per line, levels added and removed, bad input named in Chinese.</summary>
public sealed class AgencyFormTests
{
    private static readonly Agency Stored = new()
    {
        Id = "demo",
        Name = "甲局",
        SupervisingOfficeEmail = "office@x.cn",
        Drafter = new Person("张三", "zhang@x.cn"),
        ReviewChain = DefaultReviewChain.Normalize(
        [
            new ReviewLevel { Reviewers = [new Person("李", "li@x.cn")] },
            new ReviewLevel { Reviewers = [new Person("王", "wang@x.cn")] },
            new ReviewLevel { Reviewers = [new Person("赵", "zhao@x.cn")] },
        ]),
    };

    private static Dictionary<string, string> Form(Agency agency)
    {
        var form = new Dictionary<string, string>
        {
            ["name"] = agency.Name,
            ["kind"] = agency.Kind,
            ["supervisingOfficeEmail"] = agency.SupervisingOfficeEmail,
            ["drafter.name"] = agency.Drafter.Name,
            ["drafter.email"] = agency.Drafter.Email,
        };
        for (var i = 0; i < agency.ReviewChain.Count; i++)
        {
            form[$"level{i}.name"] = agency.ReviewChain[i].Name;
            form[$"level{i}.rule"] = agency.ReviewChain[i].Rule;
            form[$"level{i}.reviewers"] = AgencyForm.Reviewers(agency.ReviewChain[i].Reviewers);
        }
        return form;
    }

    [Fact]
    public void The_form_of_an_agency_reads_back_as_the_same_agency_and_a_fourth_level_is_added_by_naming_its_reviewers()
    {
        var (same, errors) = AgencyForm.Read(Stored, Form(Stored));
        Assert.Empty(errors);
        Assert.Equal(Stored.ReviewChain.SelectMany(l => l.Reviewers), same!.ReviewChain.SelectMany(l => l.Reviewers));

        var form = Form(Stored);
        form["level3.reviewers"] = "孙 <sun@x.cn>\n钱 <qian@x.cn>";
        form["level3.rule"] = ReviewRules.All;
        var (four, fourErrors) = AgencyForm.Read(Stored, form);
        Assert.Empty(fourErrors);
        Assert.Equal(4, four!.ReviewChain.Count);
        Assert.Equal([new Person("孙", "sun@x.cn"), new Person("钱", "qian@x.cn")], four.ReviewChain[3].Reviewers);
        Assert.Equal(ReviewRules.All, four.ReviewChain[3].Rule);
    }

    [Fact]
    public void Bad_input_is_named_by_its_field_in_chinese_and_no_agency_comes_out()
    {
        var form = Form(Stored);
        form["drafter.email"] = "not-an-address";
        form["level1.reviewers"] = "王 wang@x.cn";
        form["level2.reviewers"] = "";

        var (agency, errors) = AgencyForm.Read(Stored, form);

        Assert.Null(agency);
        Assert.Contains(errors, e => e.Field == "drafter.email" && e.Label == "起草人邮箱");
        Assert.Contains(errors, e => e.Field == "level1.reviewers" && e.Detail.Contains("王 wang@x.cn", StringComparison.Ordinal));
        // Only two levels left: 三审三校 needs three.
        Assert.Contains(errors, e => e.Label == "审核链");
    }
}
