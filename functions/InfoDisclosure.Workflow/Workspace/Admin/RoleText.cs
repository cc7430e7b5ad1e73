using InfoDisclosure.Workflow.Access;
using InfoDisclosure.Workflow.Agencies;

namespace InfoDisclosure.Workflow.Workspace.Admin;

/// <summary>Stored roles in the administrator's words: "管理员；起草人（红寺堡区审批服务管理局）".</summary>
public static class RoleText
{
    public static string Describe(IReadOnlyList<RoleGrant> roles, IReadOnlyList<Agency> agencies)
    {
        if (roles.Count == 0) return "（无登记角色）";
        return string.Join("；", roles.Select(r => r.Role switch
        {
            Roles.Admin => "管理员",
            Roles.Office => "主管部门",
            Roles.Drafter => $"起草人（{Name(r.AgencyId, agencies)}）",
            Roles.Reviewer => $"审核人（{Name(r.AgencyId, agencies)}）",
            _ => r.Role,
        }));
    }

    private static string Name(string? id, IReadOnlyList<Agency> agencies) => agencies.FirstOrDefault(a => a.Id == id)?.Name ?? id ?? "";
}
