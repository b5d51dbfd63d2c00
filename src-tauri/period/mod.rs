//! Tạo báo cáo kỳ sau: roll a report forward to the next reporting period.
