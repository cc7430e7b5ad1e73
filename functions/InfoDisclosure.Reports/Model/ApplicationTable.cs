namespace InfoDisclosure.Reports.Model;

/// <summary>The columns of section 三 (申请人情况). There is no subtotal column for 法人或其他组织.</summary>
public enum ApplicantColumn
{
    NaturalPerson,
    CommercialEnterprise,
    ResearchInstitution,
    PublicWelfareOrganization,
    LegalServiceAgency,
    Other,
    Total,
}

/// <summary>One row of section 三: the six applicant columns and 总计.</summary>
public sealed class ApplicantCounts
{
    /// <summary>自然人.</summary>
    public Cell NaturalPerson { get; set; }

    /// <summary>法人或其他组织 · 商业企业.</summary>
    public Cell CommercialEnterprise { get; set; }

    /// <summary>法人或其他组织 · 科研机构.</summary>
    public Cell ResearchInstitution { get; set; }

    /// <summary>法人或其他组织 · 社会公益组织.</summary>
    public Cell PublicWelfareOrganization { get; set; }

    /// <summary>法人或其他组织 · 法律服务机构.</summary>
    public Cell LegalServiceAgency { get; set; }

    /// <summary>法人或其他组织 · 其他.</summary>
    public Cell Other { get; set; }

    /// <summary>总计.</summary>
    public Cell Total { get; set; }

    public Cell this[ApplicantColumn column]
    {
        get => column switch
        {
            ApplicantColumn.NaturalPerson => NaturalPerson,
            ApplicantColumn.CommercialEnterprise => CommercialEnterprise,
            ApplicantColumn.ResearchInstitution => ResearchInstitution,
            ApplicantColumn.PublicWelfareOrganization => PublicWelfareOrganization,
            ApplicantColumn.LegalServiceAgency => LegalServiceAgency,
            ApplicantColumn.Other => Other,
            ApplicantColumn.Total => Total,
            _ => throw new ArgumentOutOfRangeException(nameof(column)),
        };
        set
        {
            switch (column)
            {
                case ApplicantColumn.NaturalPerson: NaturalPerson = value; break;
                case ApplicantColumn.CommercialEnterprise: CommercialEnterprise = value; break;
                case ApplicantColumn.ResearchInstitution: ResearchInstitution = value; break;
                case ApplicantColumn.PublicWelfareOrganization: PublicWelfareOrganization = value; break;
                case ApplicantColumn.LegalServiceAgency: LegalServiceAgency = value; break;
                case ApplicantColumn.Other: Other = value; break;
                case ApplicantColumn.Total: Total = value; break;
                default: throw new ArgumentOutOfRangeException(nameof(column));
            }
        }
    }

    public static readonly IReadOnlyList<ApplicantColumn> Columns = Enum.GetValues<ApplicantColumn>();

    /// <summary>The six applicant columns, without 总计.</summary>
    public static readonly IReadOnlyList<ApplicantColumn> ApplicantColumns = Columns.Where(c => c != ApplicantColumn.Total).ToArray();

    /// <summary>The column's label in the official template.</summary>
    public static string Label(ApplicantColumn column) => column switch
    {
        ApplicantColumn.NaturalPerson => "自然人",
        ApplicantColumn.CommercialEnterprise => "商业企业",
        ApplicantColumn.ResearchInstitution => "科研机构",
        ApplicantColumn.PublicWelfareOrganization => "社会公益组织",
        ApplicantColumn.LegalServiceAgency => "法律服务机构",
        ApplicantColumn.Other => "其他",
        ApplicantColumn.Total => "总计",
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };
}

/// <summary>Section 三、收到和处理政府信息公开申请情况.</summary>
public sealed class ApplicationTable
{
    /// <summary>一、本年新收政府信息公开申请数量.</summary>
    public ApplicantCounts NewApplications { get; set; } = new();

    /// <summary>二、上年结转政府信息公开申请数量.</summary>
    public ApplicantCounts CarriedOverFromLastYear { get; set; } = new();

    /// <summary>三（一）予以公开.</summary>
    public ApplicantCounts Disclosed { get; set; } = new();

    /// <summary>三（二）部分公开（区分处理的，只计这一情形，不计其他情形）.</summary>
    public ApplicantCounts PartiallyDisclosed { get; set; } = new();

    /// <summary>三（三）不予公开.</summary>
    public NotDisclosedCounts NotDisclosed { get; set; } = new();

    /// <summary>三（四）无法提供.</summary>
    public UnableToProvideCounts UnableToProvide { get; set; } = new();

    /// <summary>三（五）不予处理.</summary>
    public NotProcessedCounts NotProcessed { get; set; } = new();

    /// <summary>三（六）其他处理.</summary>
    public OtherProcessingCounts OtherProcessing { get; set; } = new();

    /// <summary>三（七）总计.</summary>
    public ApplicantCounts ResultsTotal { get; set; } = new();

    /// <summary>四、结转下年度继续办理.</summary>
    public ApplicantCounts CarriedForwardToNextYear { get; set; } = new();
}

public sealed class NotDisclosedCounts
{
    /// <summary>1.属于国家秘密.</summary>
    public ApplicantCounts StateSecret { get; set; } = new();
    /// <summary>2.其他法律行政法规禁止公开.</summary>
    public ApplicantCounts ProhibitedByLaw { get; set; } = new();
    /// <summary>3.危及"三安全一稳定".</summary>
    public ApplicantCounts EndangersSecurityOrStability { get; set; } = new();
    /// <summary>4.保护第三方合法权益.</summary>
    public ApplicantCounts ThirdPartyRights { get; set; } = new();
    /// <summary>5.属于三类内部事务信息.</summary>
    public ApplicantCounts InternalAffairs { get; set; } = new();
    /// <summary>6.属于四类过程性信息.</summary>
    public ApplicantCounts ProcessInformation { get; set; } = new();
    /// <summary>7.属于行政执法案卷.</summary>
    public ApplicantCounts LawEnforcementFiles { get; set; } = new();
    /// <summary>8.属于行政查询事项.</summary>
    public ApplicantCounts AdministrativeInquiry { get; set; } = new();
}

public sealed class UnableToProvideCounts
{
    /// <summary>1.本机关不掌握相关政府信息.</summary>
    public ApplicantCounts NotHeld { get; set; } = new();
    /// <summary>2.没有现成信息需要另行制作.</summary>
    public ApplicantCounts WouldNeedCreating { get; set; } = new();
    /// <summary>3.补正后申请内容仍不明确.</summary>
    public ApplicantCounts UnclearAfterCorrection { get; set; } = new();
}

public sealed class NotProcessedCounts
{
    /// <summary>1.信访举报投诉类申请.</summary>
    public ApplicantCounts PetitionOrComplaint { get; set; } = new();
    /// <summary>2.重复申请.</summary>
    public ApplicantCounts Repeated { get; set; } = new();
    /// <summary>3.要求提供公开出版物.</summary>
    public ApplicantCounts PublicationRequested { get; set; } = new();
    /// <summary>4.无正当理由大量反复申请.</summary>
    public ApplicantCounts MassRepeatedWithoutReason { get; set; } = new();
    /// <summary>5.要求行政机关确认或重新出具已获取信息.</summary>
    public ApplicantCounts ConfirmationOrReissue { get; set; } = new();
}

/// <summary>
/// 三（六）其他处理: three sub-items in the 2021 format; some reports (and the 2019 format) print one row,
/// which is then <see cref="SingleRow"/> and the sub-items are null.
/// </summary>
public sealed class OtherProcessingCounts
{
    /// <summary>1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请.</summary>
    public ApplicantCounts? CorrectionOverdue { get; set; } = new();
    /// <summary>2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请.</summary>
    public ApplicantCounts? FeeUnpaid { get; set; } = new();
    /// <summary>3.其他.</summary>
    public ApplicantCounts? Other { get; set; } = new();
    /// <summary>（六）其他处理 printed as one row.</summary>
    public ApplicantCounts? SingleRow { get; set; }

    public static OtherProcessingCounts AsSingleRow(ApplicantCounts row) =>
        new() { CorrectionOverdue = null, FeeUnpaid = null, Other = null, SingleRow = row };
}
