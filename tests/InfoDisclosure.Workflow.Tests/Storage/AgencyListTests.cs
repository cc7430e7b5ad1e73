using Azure.Data.Tables;
using InfoDisclosure.Workflow.Access;
using InfoDisclosure.Workflow.Admin;
using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.People;
using Microsoft.Extensions.Options;

namespace InfoDisclosure.Workflow.Tests.Storage;

/// <summary>
/// The agency list is kept in memory between calls and checked against a change marker; these are two hosts over one
/// storage account, so a change made on one must show on the other at its next call.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class AgencyListTests(StorageFixture fixture)
{
    private readonly AgencyStore _hostA = new(fixture.Get<TableServiceClient>());
    private readonly AgencyStore _hostB = new(fixture.Get<TableServiceClient>());

    [Fact]
    public async Task A_reviewer_taken_off_a_chain_on_another_host_loses_the_role_at_the_next_sign_in_check()
    {
        var reviewer = new Person("审核人", $"reviewer-{Guid.NewGuid():N}@example.gov.cn");
        var agency = NewAgency() with { ReviewChain = [new ReviewLevel { Name = "科室负责人", Reviewers = [reviewer] }] };
        var created = await _hostB.CreateAsync(agency, CancellationToken.None);
        var directoryA = new PeopleDirectory(new PeopleStore(fixture.Get<TableServiceClient>()), _hostA, Options.Create(new AdminOptions()));

        var before = await directoryA.FindAsync(reviewer.Email, CancellationToken.None);
        Assert.Contains(before!.Roles, r => r.Role == Roles.Reviewer && r.AgencyId == agency.Id);

        var (result, _) = await _hostB.UpdateAsync(agency with { ReviewChain = [new ReviewLevel { Name = "科室负责人", Reviewers = [new Person("新审核人", "new@example.gov.cn")] }] },
            created!.ETag, CancellationToken.None);
        Assert.Equal(AgencyUpdate.Updated, result);

        Assert.Null(await directoryA.FindAsync(reviewer.Email, CancellationToken.None));
    }

    [Fact]
    public async Task An_agency_created_or_renamed_on_another_host_is_in_the_next_list_and_an_unchanged_list_is_not_read_again()
    {
        var agency = NewAgency();
        var first = await _hostA.ListAsync(CancellationToken.None);
        Assert.DoesNotContain(first, a => a.Id == agency.Id);
        Assert.Same(first, await _hostA.ListAsync(CancellationToken.None));

        var created = await _hostB.CreateAsync(agency, CancellationToken.None);
        Assert.Equal("甲局", (await _hostA.ListAsync(CancellationToken.None)).Single(a => a.Id == agency.Id).Name);

        await _hostB.UpdateAsync(agency with { Name = "乙局" }, created!.ETag, CancellationToken.None);
        Assert.Equal("乙局", (await _hostA.ListAsync(CancellationToken.None)).Single(a => a.Id == agency.Id).Name);
    }

    [Fact]
    public async Task A_refused_write_does_not_change_the_list()
    {
        var agency = NewAgency();
        var created = await _hostA.CreateAsync(agency, CancellationToken.None);
        await _hostA.UpdateAsync(agency with { Name = "乙局" }, created!.ETag, CancellationToken.None);

        Assert.Null(await _hostB.CreateAsync(agency with { Name = "丙局" }, CancellationToken.None));
        var (stale, _) = await _hostB.UpdateAsync(agency with { Name = "丁局" }, created.ETag, CancellationToken.None);

        Assert.Equal(AgencyUpdate.PreconditionFailed, stale);
        Assert.Equal("乙局", (await _hostA.ListAsync(CancellationToken.None)).Single(a => a.Id == agency.Id).Name);
        Assert.Equal("乙局", (await _hostB.ListAsync(CancellationToken.None)).Single(a => a.Id == agency.Id).Name);
    }

    private static Agency NewAgency() => new() { Id = "list-" + Guid.NewGuid().ToString("N")[..10], Name = "甲局" };
}
