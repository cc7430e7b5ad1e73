using InfoDisclosure.Tests.Shared;

namespace InfoDisclosure.Reports.Tests;

public class FixtureAccessTests
{
    [Fact]
    public void Shared_fixtures_are_found() =>
        Assert.Contains("红寺堡区审批服务管理局", TestPaths.ReadFixture("2022_hongsibu_approval_bureau.txt"));
}
