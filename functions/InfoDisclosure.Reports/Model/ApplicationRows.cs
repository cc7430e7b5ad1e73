namespace InfoDisclosure.Reports.Model;

/// <summary>
/// The rows of section 三 in template order, with the label a reader finds in the printed table.
/// Validation, import and rendering all walk this one list.
/// </summary>
public sealed record ApplicationRow(
    string Id,
    string Label,
    string? Group,
    bool IsResultItem,
    Func<ApplicationTable, ApplicantCounts?> Get,
    Action<ApplicationTable, ApplicantCounts> Set)
{
    /// <summary>The row's name in finding locations, e.g. "（三）不予公开.1.属于国家秘密" or "（七）总计".</summary>
    public string Where => Group is null ? Label : $"{Group}.{Label}";
}

public static class ApplicationRows
{
    public const string NotDisclosedGroup = "（三）不予公开";
    public const string UnableToProvideGroup = "（四）无法提供";
    public const string NotProcessedGroup = "（五）不予处理";
    public const string OtherProcessingGroup = "（六）其他处理";

    public static readonly ApplicationRow NewApplications = new("newApplications", "一、本年新收政府信息公开申请数量", null, false,
        t => t.NewApplications, (t, r) => t.NewApplications = r);
    public static readonly ApplicationRow CarriedOver = new("carriedOverFromLastYear", "二、上年结转政府信息公开申请数量", null, false,
        t => t.CarriedOverFromLastYear, (t, r) => t.CarriedOverFromLastYear = r);
    public static readonly ApplicationRow Disclosed = new("disclosed", "（一）予以公开", null, true,
        t => t.Disclosed, (t, r) => t.Disclosed = r);
    public static readonly ApplicationRow PartiallyDisclosed = new("partiallyDisclosed", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", null, true,
        t => t.PartiallyDisclosed, (t, r) => t.PartiallyDisclosed = r);

    public static readonly ApplicationRow[] NotDisclosed =
    [
        new("notDisclosed.stateSecret", "1.属于国家秘密", NotDisclosedGroup, true, t => t.NotDisclosed.StateSecret, (t, r) => t.NotDisclosed.StateSecret = r),
        new("notDisclosed.prohibitedByLaw", "2.其他法律行政法规禁止公开", NotDisclosedGroup, true, t => t.NotDisclosed.ProhibitedByLaw, (t, r) => t.NotDisclosed.ProhibitedByLaw = r),
        new("notDisclosed.endangersSecurityOrStability", "3.危及“三安全一稳定”", NotDisclosedGroup, true, t => t.NotDisclosed.EndangersSecurityOrStability, (t, r) => t.NotDisclosed.EndangersSecurityOrStability = r),
        new("notDisclosed.thirdPartyRights", "4.保护第三方合法权益", NotDisclosedGroup, true, t => t.NotDisclosed.ThirdPartyRights, (t, r) => t.NotDisclosed.ThirdPartyRights = r),
        new("notDisclosed.internalAffairs", "5.属于三类内部事务信息", NotDisclosedGroup, true, t => t.NotDisclosed.InternalAffairs, (t, r) => t.NotDisclosed.InternalAffairs = r),
        new("notDisclosed.processInformation", "6.属于四类过程性信息", NotDisclosedGroup, true, t => t.NotDisclosed.ProcessInformation, (t, r) => t.NotDisclosed.ProcessInformation = r),
        new("notDisclosed.lawEnforcementFiles", "7.属于行政执法案卷", NotDisclosedGroup, true, t => t.NotDisclosed.LawEnforcementFiles, (t, r) => t.NotDisclosed.LawEnforcementFiles = r),
        new("notDisclosed.administrativeInquiry", "8.属于行政查询事项", NotDisclosedGroup, true, t => t.NotDisclosed.AdministrativeInquiry, (t, r) => t.NotDisclosed.AdministrativeInquiry = r),
    ];

    public static readonly ApplicationRow[] UnableToProvide =
    [
        new("unableToProvide.notHeld", "1.本机关不掌握相关政府信息", UnableToProvideGroup, true, t => t.UnableToProvide.NotHeld, (t, r) => t.UnableToProvide.NotHeld = r),
        new("unableToProvide.wouldNeedCreating", "2.没有现成信息需要另行制作", UnableToProvideGroup, true, t => t.UnableToProvide.WouldNeedCreating, (t, r) => t.UnableToProvide.WouldNeedCreating = r),
        new("unableToProvide.unclearAfterCorrection", "3.补正后申请内容仍不明确", UnableToProvideGroup, true, t => t.UnableToProvide.UnclearAfterCorrection, (t, r) => t.UnableToProvide.UnclearAfterCorrection = r),
    ];

    public static readonly ApplicationRow[] NotProcessed =
    [
        new("notProcessed.petitionOrComplaint", "1.信访举报投诉类申请", NotProcessedGroup, true, t => t.NotProcessed.PetitionOrComplaint, (t, r) => t.NotProcessed.PetitionOrComplaint = r),
        new("notProcessed.repeated", "2.重复申请", NotProcessedGroup, true, t => t.NotProcessed.Repeated, (t, r) => t.NotProcessed.Repeated = r),
        new("notProcessed.publicationRequested", "3.要求提供公开出版物", NotProcessedGroup, true, t => t.NotProcessed.PublicationRequested, (t, r) => t.NotProcessed.PublicationRequested = r),
        new("notProcessed.massRepeatedWithoutReason", "4.无正当理由大量反复申请", NotProcessedGroup, true, t => t.NotProcessed.MassRepeatedWithoutReason, (t, r) => t.NotProcessed.MassRepeatedWithoutReason = r),
        new("notProcessed.confirmationOrReissue", "5.要求行政机关确认或重新出具已获取信息", NotProcessedGroup, true, t => t.NotProcessed.ConfirmationOrReissue, (t, r) => t.NotProcessed.ConfirmationOrReissue = r),
    ];

    public static readonly ApplicationRow[] OtherProcessing =
    [
        new("otherProcessing.correctionOverdue", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", OtherProcessingGroup, true, t => t.OtherProcessing.CorrectionOverdue, (t, r) => t.OtherProcessing.CorrectionOverdue = r),
        new("otherProcessing.feeUnpaid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", OtherProcessingGroup, true, t => t.OtherProcessing.FeeUnpaid, (t, r) => t.OtherProcessing.FeeUnpaid = r),
        new("otherProcessing.other", "3.其他", OtherProcessingGroup, true, t => t.OtherProcessing.Other, (t, r) => t.OtherProcessing.Other = r),
    ];

    /// <summary>（六）其他处理 printed as a single row.</summary>
    public static readonly ApplicationRow OtherProcessingSingleRow = new("otherProcessing.singleRow", OtherProcessingGroup, null, true,
        t => t.OtherProcessing.SingleRow, (t, r) => t.OtherProcessing.SingleRow = r);

    public static readonly ApplicationRow ResultsTotal = new("resultsTotal", "（七）总计", null, false,
        t => t.ResultsTotal, (t, r) => t.ResultsTotal = r);
    public static readonly ApplicationRow CarriedForward = new("carriedForwardToNextYear", "四、结转下年度继续办理", null, false,
        t => t.CarriedForwardToNextYear, (t, r) => t.CarriedForwardToNextYear = r);

    /// <summary>Every row in template order, including the single-row form of （六）.</summary>
    public static readonly IReadOnlyList<ApplicationRow> All =
    [
        NewApplications, CarriedOver, Disclosed, PartiallyDisclosed,
        .. NotDisclosed, .. UnableToProvide, .. NotProcessed, .. OtherProcessing, OtherProcessingSingleRow,
        ResultsTotal, CarriedForward,
    ];

    /// <summary>The rows a given table prints, in order: the 25 of the template, or 23 when （六） is one row.</summary>
    public static IEnumerable<(ApplicationRow Row, ApplicantCounts Counts)> Present(ApplicationTable table)
    {
        foreach (var row in All)
        {
            if (row.Get(table) is { } counts) yield return (row, counts);
        }
    }

    /// <summary>The result items （一）…（六） that （七）总计 sums.</summary>
    public static IEnumerable<(ApplicationRow Row, ApplicantCounts Counts)> ResultItems(ApplicationTable table) =>
        Present(table).Where(p => p.Row.IsResultItem);
}
