using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Governance.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class CreditAndProblemLists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "owner_credit_records",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    category = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    recorded_on = table.Column<DateOnly>(type: "date", nullable: false),
                    organisation = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_owner_credit_records", x => x.id);
                    table.ForeignKey(
                        name: "fk_owner_credit_records_communities_community_id",
                        column: x => x.community_id,
                        principalTable: "communities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_owner_credit_records_owners_owner_id",
                        column: x => x.owner_id,
                        principalTable: "owners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "problems",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    category = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    responsible_party = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    responsible_company_id = table.Column<Guid>(type: "uuid", nullable: true),
                    responsible_party_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    found_on = table.Column<DateOnly>(type: "date", nullable: false),
                    deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    finishing_note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    penalty_record_id = table.Column<Guid>(type: "uuid", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_problems", x => x.id);
                    table.ForeignKey(
                        name: "fk_problems_communities_community_id",
                        column: x => x.community_id,
                        principalTable: "communities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_problems_property_companies_responsible_company_id",
                        column: x => x.responsible_company_id,
                        principalTable: "property_companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "project_managers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    community_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_project_managers", x => x.id);
                    table.ForeignKey(
                        name: "fk_project_managers_communities_community_id",
                        column: x => x.community_id,
                        principalTable: "communities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_project_managers_property_companies_company_id",
                        column: x => x.company_id,
                        principalTable: "property_companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "problem_fixes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    problem_id = table.Column<Guid>(type: "uuid", nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    done_on = table.Column<DateOnly>(type: "date", nullable: false),
                    organisation = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    reported_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    reported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reported_on = table.Column<DateOnly>(type: "date", nullable: false),
                    outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    review_note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_problem_fixes", x => x.id);
                    table.ForeignKey(
                        name: "fk_problem_fixes_problems_problem_id",
                        column: x => x.problem_id,
                        principalTable: "problems",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "blacklist_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_manager_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    detail = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    from = table.Column<DateOnly>(type: "date", nullable: false),
                    until = table.Column<DateOnly>(type: "date", nullable: false),
                    department = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_blacklist_entries", x => x.id);
                    table.ForeignKey(
                        name: "fk_blacklist_entries_project_managers_project_manager_id",
                        column: x => x.project_manager_id,
                        principalTable: "project_managers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_blacklist_entries_property_companies_company_id",
                        column: x => x.company_id,
                        principalTable: "property_companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "company_credit_records",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_manager_id = table.Column<Guid>(type: "uuid", nullable: true),
                    community_id = table.Column<Guid>(type: "uuid", nullable: true),
                    problem_id = table.Column<Guid>(type: "uuid", nullable: true),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    points = table.Column<int>(type: "integer", nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    source = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    department = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_on = table.Column<DateOnly>(type: "date", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_company_credit_records", x => x.id);
                    table.ForeignKey(
                        name: "fk_company_credit_records_communities_community_id",
                        column: x => x.community_id,
                        principalTable: "communities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_company_credit_records_problems_problem_id",
                        column: x => x.problem_id,
                        principalTable: "problems",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_company_credit_records_project_managers_project_manager_id",
                        column: x => x.project_manager_id,
                        principalTable: "project_managers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_company_credit_records_property_companies_company_id",
                        column: x => x.company_id,
                        principalTable: "property_companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_blacklist_entries_company_id_from",
                table: "blacklist_entries",
                columns: new[] { "company_id", "from" });

            migrationBuilder.CreateIndex(
                name: "ix_blacklist_entries_project_manager_id",
                table: "blacklist_entries",
                column: "project_manager_id");

            migrationBuilder.CreateIndex(
                name: "ix_company_credit_records_community_id",
                table: "company_credit_records",
                column: "community_id");

            migrationBuilder.CreateIndex(
                name: "ix_company_credit_records_company_id_recorded_on",
                table: "company_credit_records",
                columns: new[] { "company_id", "recorded_on" });

            migrationBuilder.CreateIndex(
                name: "ix_company_credit_records_problem_id",
                table: "company_credit_records",
                column: "problem_id",
                unique: true,
                filter: "problem_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_company_credit_records_project_manager_id",
                table: "company_credit_records",
                column: "project_manager_id");

            migrationBuilder.CreateIndex(
                name: "ix_owner_credit_records_community_id",
                table: "owner_credit_records",
                column: "community_id");

            migrationBuilder.CreateIndex(
                name: "ix_owner_credit_records_owner_id_recorded_on",
                table: "owner_credit_records",
                columns: new[] { "owner_id", "recorded_on" });

            migrationBuilder.CreateIndex(
                name: "ix_problem_fixes_problem_id",
                table: "problem_fixes",
                column: "problem_id");

            migrationBuilder.CreateIndex(
                name: "ix_problems_community_id_status",
                table: "problems",
                columns: new[] { "community_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_problems_responsible_company_id",
                table: "problems",
                column: "responsible_company_id");

            migrationBuilder.CreateIndex(
                name: "ix_problems_status_deadline",
                table: "problems",
                columns: new[] { "status", "deadline" });

            migrationBuilder.CreateIndex(
                name: "ix_project_managers_community_id",
                table: "project_managers",
                column: "community_id");

            migrationBuilder.CreateIndex(
                name: "ix_project_managers_company_id",
                table: "project_managers",
                column: "company_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "blacklist_entries");

            migrationBuilder.DropTable(
                name: "company_credit_records");

            migrationBuilder.DropTable(
                name: "owner_credit_records");

            migrationBuilder.DropTable(
                name: "problem_fixes");

            migrationBuilder.DropTable(
                name: "project_managers");

            migrationBuilder.DropTable(
                name: "problems");
        }
    }
}
