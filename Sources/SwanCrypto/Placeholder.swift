import SwanCore
