import CLibCSV
import ImpactCore
