using Microsoft.EntityFrameworkCore.Migrations;
using Platform.BuildingBlocks.Data;

#nullable disable

namespace Platform.Parking.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class AuditTrailAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The audit trail is evidence, as the ledgers are: the database refuses to change or delete an entry.
            migrationBuilder.Sql(AppendOnly.Create("audit_entries"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(AppendOnly.Drop("audit_entries"));
        }
    }
}
