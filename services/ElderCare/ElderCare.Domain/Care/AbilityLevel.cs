namespace Platform.ElderCare.Domain.Care;

/// <summary>
/// 老年人能力等级 on the five levels of the national assessment standard GB/T 42195-2022 (老年人能力评估规范).
/// The numeric values index the subsidy table of an offering.
/// </summary>
public enum AbilityLevel
{
    /// <summary>能力完好</summary>
    Able = 0,

    /// <summary>能力轻度受损（轻度失能）</summary>
    MildlyImpaired = 1,

    /// <summary>能力中度受损（中度失能）</summary>
    ModeratelyImpaired = 2,

    /// <summary>能力重度受损（重度失能）</summary>
    SeverelyImpaired = 3,

    /// <summary>能力完全丧失（完全失能）</summary>
    CompletelyImpaired = 4,
}

/// <summary>居住情况</summary>
public enum LivingSituation
{
    /// <summary>独居</summary>
    Alone,

    /// <summary>与配偶同住</summary>
    WithSpouse,

    /// <summary>与子女或其他家人同住</summary>
    WithFamily,
}

/// <summary>The menu of home-care services (助餐、助浴、助洁、助行、助医).</summary>
public enum CareService
{
    Meal,
    Bathing,
    Cleaning,
    Mobility,
    MedicalHelp,
}
