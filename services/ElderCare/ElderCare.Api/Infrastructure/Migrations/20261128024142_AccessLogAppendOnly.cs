using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.ElderCare.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class AccessLogAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The access log is evidence for Civil Affairs: once written, a read stays on record. The database refuses
            // to change or delete a row, whoever asks (as Fees and Funds do for their money records).
            migrationBuilder.Sql("""
                CREATE FUNCTION refuse_change_of_access_log() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'sensitive_access_log is append-only: % refused', TG_OP USING ERRCODE = 'restrict_violation';
                END $$;
                """);
            migrationBuilder.Sql("CREATE TRIGGER sensitive_access_log_append_only BEFORE UPDATE OR DELETE ON sensitive_access_log FOR EACH ROW EXECUTE FUNCTION refuse_change_of_access_log();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER sensitive_access_log_append_only ON sensitive_access_log;");
            migrationBuilder.Sql("DROP FUNCTION refuse_change_of_access_log();");
        }
    }
}
