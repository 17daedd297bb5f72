"""Build the binary samples (PDF, DOCX) from the content below.

Run from the repository root:  python samples/build.py
Needs fpdf2 (pip install fpdf2) and the DejaVu fonts (Debian: fonts-dejavu-core) for the PDF.
The TXT samples are written by hand and are not touched.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

ED_CODER = {
    "name": "Alicia Moreno, CPC, CEDC",
    "headline": "Emergency Department Facility & Pro-fee Coder",
    "sidebar": [
        ("Contact", ["San Antonio, TX 78205", "(210) 555-0173", "alicia.moreno@example.com"]),
        (
            "Certifications",
            ["CPC — AAPC, 2020", "CEDC — Certified Emergency", "Department Coder, AAPC, 2023"],
        ),
        (
            "Skills",
            [
                "ICD-10-CM, CPT, HCPCS Level II",
                "ED E/M facility levels",
                "Modifiers 25 and 59",
                "NCCI / MUE edits",
            ],
        ),
        ("Systems", ["Epic (ASAP, Resolute HB)", "3M 360 Encompass", "Microsoft Excel"]),
    ],
    "main": [
        (
            "Summary",
            [
                "ED coder with five years of facility and professional-fee coding for a Level II trauma center and two freestanding emergency departments."
            ],
        ),
        (
            "Experience",
            [
                (
                    "ED Coding Specialist II",
                    "Alamo Regional Medical Center, San Antonio, TX",
                    "Mar 2023 – Present",
                    [
                        "Code 110–130 ED facility and pro-fee charts per day in Epic with 3M 360 Encompass",
                        "Maintain 96.5% accuracy on quarterly external audits",
                        "Reduced modifier 25 denials by 28% by building an ED edit checklist with the billing team",
                        "Mentor 3 new ED coders through their first 90 days",
                    ],
                ),
                (
                    "Outpatient Coder",
                    "Mission Hills Hospital, San Antonio, TX",
                    "06/2021 – 02/2023",
                    [
                        "Coded ancillary, observation and ED encounters for the hospital outpatient department",
                        "Kept first-pass claim acceptance at 97% for ED claims",
                        "Worked the coding edit queue every morning with patient financial services",
                    ],
                ),
                (
                    "Patient Access Representative",
                    "Mission Hills Hospital, San Antonio, TX",
                    "2019 – 2021",
                    [
                        "Registered ED patients and verified insurance eligibility",
                    ],
                ),
            ],
        ),
        ("Education", ["Medical Coding Certificate, Palo Alto College, San Antonio, TX, 2020"]),
    ],
}

AUDITOR = {
    "header": "Denise Okonkwo, RHIA, CPMA, CCS  ·  Atlanta, GA 30309  ·  404-555-0188  ·  denise.okonkwo@example.org",
    "headline": "Coding Quality & Compliance Manager",
    "summary": "Coding auditor and educator with eleven years in inpatient and professional-fee coding, six of them leading audit programs for a multi-hospital system.",
    "jobs": [
        (
            "Manager, Coding Quality & Education",
            "Peachtree Health System, Atlanta, GA",
            "Jan 2020 – Present",
            [
                "Lead a team of 8 coding auditors and educators across 4 hospitals",
                "Audited 1,800 inpatient and pro-fee charts per year with RAT-STATS sampling",
                "Recovered $1.4M in underpayments through DRG validation in FY2024",
                "Raised system coding accuracy from 91% to 97% in two years",
                "Cut coding-related DNFB from 5.8 to 2.9 days",
            ],
        ),
        (
            "Senior Coding Auditor",
            "Peachtree Health System, Atlanta, GA",
            "Aug 2017 – Dec 2019",
            [
                "Performed DRG validation and E/M audits for cardiology and orthopedics",
                "Educated 120 providers on documentation for CC/MCC capture",
            ],
        ),
        (
            "Inpatient Coder",
            "Grady Street Hospital, Atlanta, GA",
            "Jun 2015 – Jul 2017",
            [
                "Coded inpatient medical and surgical stays with ICD-10-CM/PCS and MS-DRG",
                "Averaged 24 inpatient charts per day",
            ],
        ),
    ],
    "certs": [
        "RHIA — Registered Health Information Administrator (AHIMA)",
        "CPMA — Certified Professional Medical Auditor (AAPC)",
        "CCS — Certified Coding Specialist (AHIMA)",
    ],
    "skills": [
        ["ICD-10-CM/PCS", "CPT", "MS-DRG"],
        ["APR-DRG", "E/M", "HCC"],
        ["Epic", "3M 360 Encompass", "Tableau"],
    ],
    "education": "B.S., Health Information Management, Georgia Southern University, 2015",
}


def build_pdf(path: Path) -> None:
    """A two-column PDF: a shaded left sidebar and the main column, 2 pages, running footer."""
    from fpdf import FPDF

    pdf = FPDF(format="Letter", unit="pt")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(False)
    data = ED_CODER

    def footer(page: int) -> None:
        pdf.set_font("DejaVu", "", 8)
        pdf.set_xy(36, 760)
        pdf.cell(540, 10, f"Alicia Moreno · Page {page} of 2", align="C")

    def sidebar() -> None:
        pdf.set_fill_color(235, 240, 247)
        pdf.rect(0, 0, 190, 792, style="F")
        y = 60
        for heading, items in data["sidebar"]:
            pdf.set_font("DejaVu", "B", 10)
            pdf.set_xy(24, y)
            pdf.cell(150, 12, heading.upper())
            y += 18
            pdf.set_font("DejaVu", "", 9)
            for item in items:
                pdf.set_xy(24, y)
                pdf.cell(150, 11, item)
                y += 13
            y += 12

    pdf.add_page()
    sidebar()
    x, y = 214, 56
    pdf.set_font("DejaVu", "B", 18)
    pdf.set_xy(x, y)
    pdf.cell(360, 22, data["name"])
    y += 26
    pdf.set_font("DejaVu", "", 11)
    pdf.set_xy(x, y)
    pdf.cell(360, 14, data["headline"])
    y += 30
    page = 1
    for heading, content in data["main"]:
        if y > 640 or heading == "Education":  # Education on page 2: a repeated sidebar and footer
            footer(page)
            pdf.add_page()
            sidebar()
            page += 1
            y = 56
        pdf.set_font("DejaVu", "B", 12)
        pdf.set_xy(x, y)
        pdf.cell(360, 14, heading)
        y += 22
        for item in content:
            if isinstance(item, str):
                pdf.set_font("DejaVu", "", 10)
                pdf.set_xy(x, y)
                pdf.multi_cell(360, 13, item)
                y = pdf.get_y() + 8
                continue
            title, employer, dates, bullets = item
            if y > 600:
                footer(page)
                pdf.add_page()
                sidebar()
                page += 1
                y = 56
            pdf.set_font("DejaVu", "B", 10.5)
            pdf.set_xy(x, y)
            pdf.cell(250, 13, title)
            pdf.set_font("DejaVu", "", 10)
            pdf.set_xy(x + 250, y)
            pdf.cell(110, 13, dates, align="R")
            y += 14
            pdf.set_xy(x, y)
            pdf.cell(360, 13, employer)
            y += 17
            for bullet in bullets:
                pdf.set_xy(x + 4, y)
                pdf.cell(10, 13, "•")
                pdf.set_xy(x + 16, y)
                pdf.multi_cell(344, 13, bullet)
                y = pdf.get_y() + 3
            y += 10
    footer(page)
    pdf.output(str(path))


def build_docx(path: Path) -> None:
    """A DOCX with contact details only in the page header, job rows as 2-cell tables with
    right-aligned dates, List Bullet paragraphs and a skills grid table."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    data = AUDITOR
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = data["header"]
    title = d.add_paragraph()
    run = title.add_run(data["headline"])
    run.bold = True
    run.font.size = Pt(14)
    d.add_heading("Summary", level=1)
    d.add_paragraph(data["summary"])
    d.add_heading("Professional Experience", level=1)
    for role, employer, dates, bullets in data["jobs"]:
        table = d.add_table(rows=1, cols=2)
        left, right = table.rows[0].cells
        left.paragraphs[0].add_run(role).bold = True
        left.add_paragraph(employer)
        right.paragraphs[0].text = dates
        right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for bullet in bullets:
            d.add_paragraph(bullet, style="List Bullet")
    d.add_heading("Licenses & Credentials", level=1)
    for cert in data["certs"]:
        d.add_paragraph(cert, style="List Bullet")
    d.add_heading("Core Competencies", level=1)
    grid = d.add_table(rows=3, cols=3)
    grid.style = "Table Grid"
    for r, row in enumerate(data["skills"]):
        for c, value in enumerate(row):
            grid.cell(r, c).text = value
    d.add_heading("Education", level=1)
    d.add_paragraph(data["education"])
    d.save(str(path))


if __name__ == "__main__":
    build_pdf(HERE / "mid_ed_coder.pdf")
    build_docx(HERE / "senior_auditor.docx")
    print("wrote samples/mid_ed_coder.pdf and samples/senior_auditor.docx")
