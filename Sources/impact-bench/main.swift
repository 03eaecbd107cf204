print("impact-bench")
