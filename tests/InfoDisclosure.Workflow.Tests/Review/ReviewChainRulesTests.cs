using InfoDisclosure.Workflow.Agencies;

namespace InfoDisclosure.Workflow.Tests.Review;

public sealed class ReviewChainRulesTests
{
    private static Agency Valid(params ReviewLevel[] chain) => new()
    {
        Id = "hongsibu-approval",
        Name = "吴忠市红寺堡区审批服务管理局",
        Kind = AgencyKinds.Department,
        SupervisingOfficeEmail = "gongkai@example.gov.cn",
        Drafter = new Person("王起草", "drafter@example.gov.cn"),
        ReviewChain = DefaultReviewChain.Normalize(chain.Length > 0 ? chain : [Level("a"), Level("b"), Level("c")]),
    };

    private static ReviewLevel Level(params string[] reviewers) =>
        new() { Reviewers = reviewers.Select(r => new Person(r, $"{r}@example.gov.cn")).ToList() };

    [Fact]
    public void Unnamed_levels_take_the_default_三审三校_names_by_position()
    {
        var agency = Valid(Level("a"), Level("b"), Level("c"), Level("d"));
        Assert.Empty(AgencyValidator.Validate(agency));
        Assert.Equal(["初审·一校", "复审·二校", "终审·三校", "审定"], agency.ReviewChain.Select(l => l.Name));
        Assert.Equal("科室负责人（含保密审查）", agency.ReviewChain[1].Role);
        Assert.Equal(("终审", "三校"), (DefaultReviewChain.ReviewPart("终审·三校"), DefaultReviewChain.ProofreadPart("终审·三校")));
        Assert.Equal(("审定", "审定"), (DefaultReviewChain.ReviewPart("审定"), DefaultReviewChain.ProofreadPart("审定")));
    }

    [Fact]
    public void Broken_rules_are_reported_under_the_json_path_of_the_field()
    {
        var agency = Valid(Level("a"), Level("b", "b"), Level()) with
        {
            Id = "-Bad",
            Kind = "county",
            Drafter = new Person("", "nobody"),
            InternalDeadlines = new InternalDeadlines { SubmitBy = "13-40", PublishBy = "01-28" },
            StageReminders = new StageReminderSettings { DueAfterWorkingDays = 0 },
        };
        var errors = AgencyValidator.Validate(agency);
        Assert.Equal(
            ["$.drafter.email", "$.drafter.name", "$.id", "$.internalDeadlines.submitBy", "$.kind", "$.reviewChain[1].reviewers[1].email",
             "$.reviewChain[2].reviewers", "$.stageReminders.dueAfterWorkingDays"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void 三审三校_needs_three_or_four_levels()
    {
        Assert.Contains("$.reviewChain", AgencyValidator.Validate(Valid(Level("a"), Level("b"))).Keys);
        Assert.Contains("$.reviewChain", AgencyValidator.Validate(Valid(Level("a"), Level("b"), Level("c"), Level("d"), Level("e"))).Keys);
    }

    [Theory]
    [InlineData("01-26", 2025, "2026-01-26")]
    [InlineData("2026-01-26", 2025, "2026-01-26")]
    [InlineData("2027-01-26", 2025, null)]
    public void Internal_deadlines_recur_yearly_or_apply_to_one_date(string text, int reportYear, string? expected)
    {
        Assert.Equal(expected is null ? null : DateOnly.Parse(expected), InternalDeadline.For(text, reportYear));
    }

    [Fact]
    public void The_statutory_deadline_is_January_31_for_departments_and_March_31_for_governments_in_Beijing_time()
    {
        var department = InternalDeadline.Deadlines(Valid(), 2025);
        var government = InternalDeadline.Deadlines(Valid() with { Kind = AgencyKinds.Government }, 2025);
        Assert.Equal(new DateTimeOffset(2026, 1, 31, 23, 59, 59, TimeSpan.FromHours(8)), department.StatutoryDeadline);
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 23, 59, 59, TimeSpan.FromHours(8)), government.StatutoryDeadline);
    }
}
